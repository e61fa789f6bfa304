// Inlay hints: beside a refinement (细化) or an adjustment (调整), the base item's text.
import { InlayHintKind, type InlayHint, type Range } from 'vscode-languageserver';
import { toPosition } from '../position.js';
import type { Analysis } from '../workspace.js';

const short = (s: string, n = 24): string => (s.length > n ? s.slice(0, n) + '…' : s);

export function inlayHints(a: Analysis, range: Range): InlayHint[] {
  if (!a.ast || !a.lines || !a.base) return [];
  const base = new Map(a.base.items.map((i) => [i.id, i]));
  const targets = [...(a.ast.items ?? []).map((i) => i.refines), ...(a.ast.adjust ?? []).map((x) => x.item)];
  const out: InlayHint[] = [];
  for (const v of targets) {
    if (!v) continue;
    const it = base.get(v.value);
    if (!it) continue;
    const position = toPosition(a.lines, v.loc.end);
    if (position.line < range.start.line || position.line > range.end.line) continue;
    out.push({
      position,
      label: `${it.directive ? '★ ' : ''}${short(it.text)}`,
      kind: InlayHintKind.Type,
      paddingLeft: true,
      tooltip: { kind: 'markdown', value: `**第${it.id}项**${it.directive ? ' ★' : ''}：${it.text}` },
    });
  }
  return out;
}
