// Stage 1 of the front end: text → YAML document with source ranges, plus the
// file-level diagnostics (YAML syntax, limits, full-width colons).
import { parseDocument, isAlias, visit, type Document } from 'yaml';
import type { Reporter } from '../diagnostics/make.js';
import { OBJECTS } from '../../grammar/schema/fields.js';
import { firstTooDeep } from './nesting.js';

export const LIMITS = {
  /** Rule files are a few hundred KB at most; 4 MiB leaves room for 10,000-item sets. */
  maxFileBytes: 4 * 1024 * 1024,
  maxAliases: 100,
  maxDepth: 64,
};

const YAML_MESSAGES: Record<string, string> = {
  BAD_INDENT: '缩进不正确',
  MISSING_CHAR: '缺少字符（如引号或括号未闭合）',
  BLOCK_AS_IMPLICIT_KEY: '块结构不能作为键',
  MULTILINE_IMPLICIT_KEY: '键不能跨行（可能缺少冒号后的空格或缩进不对）',
  UNEXPECTED_TOKEN: '意外的内容',
  BAD_SCALAR_START: '值的开头不合法（以 @ 或 ` 开头的文本请加引号）',
  BAD_DQ_ESCAPE: '双引号字符串中的转义序列不正确',
  MULTIPLE_DOCS: '一个文件只能有一个 YAML 文档',
  BAD_ALIAS: '引用（*别名）不正确',
  KEY_OVER_1024_CHARS: '键过长（超过1024个字符）',
};

const KNOWN_KEYS = new Set(Object.values(OBJECTS).flatMap((o) => Object.values(o).flatMap((f) => [f.zh, f.en])));

/** The options every rule file is parsed with (exported so that an incremental parser can match them). */
export const YAML_OPTIONS = { uniqueKeys: true, prettyErrors: false, strict: true, logLevel: 'error' } as const;

/** Whether a text is within the size and nesting limits (checked before any YAML parser sees it). */
export function withinLimits(text: string): boolean {
  return Buffer.byteLength(text, 'utf8') <= LIMITS.maxFileBytes && firstTooDeep(text, LIMITS.maxDepth) < 0;
}

/** Parses the whole text; the language server passes an incremental parser with the same result. */
export type ParseYaml = (text: string) => Document;

export function loadYaml(text: string, reporter: Reporter, parse: ParseYaml = (t) => parseDocument(t, YAML_OPTIONS)): Document | undefined {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > LIMITS.maxFileBytes) {
    reporter.report('FL0005', { size: bytes, limit: LIMITS.maxFileBytes }, 0, 0);
    return undefined;
  }
  // Depth is checked before parsing: the parser's time grows with size × depth.
  const deep = firstTooDeep(text, LIMITS.maxDepth);
  if (deep >= 0) {
    reporter.report('FL0006', { limit: LIMITS.maxDepth }, deep, deep + 1);
    return undefined;
  }
  const colons = reportFullWidthColons(text, reporter);
  // `名称： 值` can be read as if typed right (same length, offsets unchanged); `名称：值`
  // cannot, and reading on would only cascade: the user fixes the colon first.
  if (colons.some((c) => !c.sameLength)) return undefined;
  let repaired = text;
  for (const c of colons) repaired = repaired.slice(0, c.at) + ':' + repaired.slice(c.at + 1);
  const doc = parse(repaired);
  // The yaml library gives up on very deep nesting itself: that is this limit, not a syntax error.
  const exhausted = doc.errors.find((e) => e.code === 'RESOURCE_EXHAUSTION');
  if (exhausted) {
    reporter.report('FL0006', { limit: LIMITS.maxDepth }, exhausted.pos[0], exhausted.pos[1]);
    return undefined;
  }
  for (const e of doc.errors) {
    const [start, end] = e.pos;
    if (e.code === 'DUPLICATE_KEY') {
      const raw = /^[^:\n\r]*/.exec(text.slice(start))![0].trimEnd();
      const key = raw.replace(/^["']|["']$/g, '');
      reporter.report('FL0003', { key }, start, start + Math.max(1, raw.length));
    } else if (e.code === 'TAB_AS_INDENT') {
      reporter.report('FL0007', {}, start, Math.max(end, start + 1), {
        fixes: [{ title: '把制表符换成两个空格 (indent with spaces)', edits: tabEdits(text, start), safe: true }],
      });
    } else {
      const detailEn = e.message.split('\n')[0]!;
      const zh = YAML_MESSAGES[e.code];
      reporter.report('FL0002', { detail: zh ? `${zh}（${detailEn}）` : detailEn, detailEn }, start, Math.max(end, start + 1));
    }
  }
  if (doc.errors.length) return doc.contents ? doc : undefined;
  let aliases = 0;
  let tooDeep = false;
  visit(doc, (_key, node, path) => {
    if (isAlias(node)) aliases++;
    if (path.length > LIMITS.maxDepth * 2 && !tooDeep) {
      tooDeep = true;
      const r = (node as { range?: [number, number, number] }).range;
      reporter.report('FL0006', { limit: LIMITS.maxDepth }, r?.[0] ?? 0, r?.[1] ?? 0);
      return visit.BREAK;
    }
    return undefined;
  });
  if (aliases > LIMITS.maxAliases) {
    reporter.report('FL0004', {}, 0, 0);
    return undefined;
  }
  if (tooDeep) return undefined;
  return doc;
}

/** A known key followed by '：' is the commonest Chinese-IME slip in YAML. */
function reportFullWidthColons(text: string, reporter: Reporter): { at: number; sameLength: boolean }[] {
  const found: { at: number; sameLength: boolean }[] = [];
  const re = /^([ \t]*(?:-[ \t]+)?)([^\s:：#"'][^:：#\n]*?)：/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (!KNOWN_KEYS.has(m[2]!.trim())) continue;
    const at = m.index + m[1]!.length + m[2]!.length;
    const next = text[at + 1];
    const sameLength = next === ' ' || next === '\n' || next === '\r' || next === undefined;
    found.push({ at, sameLength });
    reporter.report('FL0008', {}, at, at + 1, { fixes: [{ title: '改为半角冒号“:” (use ASCII ":")', edits: [{ start: at, end: at + 1, newText: sameLength ? ':' : ': ' }], safe: true }] });
  }
  return found;
}

function tabEdits(text: string, at: number): { start: number; end: number; newText: string }[] {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const edits = [];
  for (let i = lineStart; i < text.length && (text[i] === '\t' || text[i] === ' '); i++) {
    if (text[i] === '\t') edits.push({ start: i, end: i + 1, newText: '  ' });
  }
  return edits;
}
