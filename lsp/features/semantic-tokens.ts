// Semantic tokens for conditions: the expression parser's tokens, names classified by the
// resolver (fact, group, event, built-in), mapped from expression offsets to the file.
import { SemanticTokensBuilder, type SemanticTokens, type SemanticTokensLegend } from 'vscode-languageserver';
import type { ExprToken } from '../../grammar/expr/index.js';
import { expressionsOf, tokenSpan } from '../symbols.js';
import type { Analysis } from '../workspace.js';

export const LEGEND: SemanticTokensLegend = {
  tokenTypes: ['keyword', 'function', 'variable', 'namespace', 'event', 'enumMember', 'number', 'string', 'operator', 'type'],
  tokenModifiers: ['defaultLibrary'],
};
const T = Object.fromEntries(LEGEND.tokenTypes.map((t, i) => [t, i])) as Record<string, number>;
const DEFAULT_LIBRARY = 1;

const BY_KIND: Partial<Record<ExprToken['kind'], [string, number]>> = {
  keyword: ['keyword', 0],
  function: ['function', DEFAULT_LIBRARY],
  item: ['enumMember', 0],
  number: ['number', 0],
  percent: ['number', 0],
  string: ['string', 0],
  class: ['enumMember', DEFAULT_LIBRARY],
  risk: ['enumMember', DEFAULT_LIBRARY],
  window: ['number', DEFAULT_LIBRARY],
  operator: ['operator', 0],
};
const BY_REF: Record<string, [string, number]> = {
  fact: ['variable', 0],
  group: ['namespace', 0],
  event: ['event', 0],
  set: ['type', DEFAULT_LIBRARY],
  value: ['variable', DEFAULT_LIBRARY],
  function: ['function', DEFAULT_LIBRARY],
  item: ['enumMember', 0],
};

export function semanticTokens(a: Analysis): SemanticTokens {
  const builder = new SemanticTokensBuilder();
  if (!a.ast || !a.lines) return builder.build();
  const own = a.result.file;
  const refs = new Map(a.references.filter((r) => r.file === own).map((r) => [r.start, r.kind]));
  for (const site of expressionsOf(a.ast)) {
    for (const tok of site.expr.parsed.tokens) {
      let type = BY_KIND[tok.kind];
      const span = tokenSpan(site.expr, tok);
      if (tok.kind === 'name') {
        const ref = refs.get(span.start);
        type = ref ? BY_REF[ref] : ['variable', 0];
      }
      if (!type) continue;
      const s = a.lines.position(span.start);
      const e = a.lines.position(span.end);
      if (s.line !== e.line || e.column <= s.column) continue;
      builder.push(s.line, s.column, e.column - s.column, T[type[0]]!, type[1]);
    }
  }
  return builder.build();
}
