import type { Check } from './check.js';

/** ★ stays ★: a base ★ item keeps it, and each of its sub-items carries it (通用规则备注（二）). */
export const directiveItems: Check = {
  codes: ['FL3002', 'FL3012'],
  run({ model, base, ast, reporter, at }) {
    const baseById = new Map(base.items.map((b) => [b.id, b]));
    for (const it of model.items) {
      if (it.refines !== null && it.id !== it.refines && baseById.get(it.refines)?.directive && !it.directive) {
        const node = ast.items?.find((a) => a.id?.value === it.id);
        const l = node?.id?.loc ?? at(it.from);
        const fixes = node ? [starFix(ast.text, node)] : [];
        reporter.report('FL3002', { id: it.id, parent: it.refines }, l.start, l.end, { fixes });
      }
      const same = baseById.get(it.id);
      if (same?.directive && !it.directive) {
        const adj = ast.adjust?.find((a) => a.item?.value === it.id);
        const l = adj?.directive?.loc ?? at(it.from);
        reporter.report('FL3012', { id: it.id }, l.start, l.end);
      }
    }
  },
};

function starFix(text: string, node: NonNullable<import('../syntax/ast.js').RuleFileAst['items']>[number]) {
  const title = '设为指向型（★）';
  if (node.directive) return { title, edits: [{ start: node.directive.loc.start, end: node.directive.loc.end, newText: 'true' }] };
  // A flow mapping `{ 编号: "2.1", … }` takes the field before its closing brace.
  if (text[node.loc.start] === '{') {
    const close = text.lastIndexOf('}', node.loc.end - 1);
    return { title, edits: [{ start: close, end: close, newText: ', 指向型: true ' }] };
  }
  const key = node.keys.id!;
  const lineStart = text.lastIndexOf('\n', key.start - 1) + 1;
  const indent = ' '.repeat(key.start - lineStart);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  let lineEnd = text.indexOf('\n', node.id!.loc.end);
  if (lineEnd < 0) lineEnd = text.length;
  if (text[lineEnd - 1] === '\r') lineEnd--;
  return { title, edits: [{ start: lineEnd, end: lineEnd, newText: `${eol}${indent}指向型: true` }] };
}
