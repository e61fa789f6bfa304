// Code actions: the compiler's quick fixes (full-width punctuation, tabs, ★ on a sub-item, the
// nearest item id), and actions built from the merged model: star every sub-item of a ★ item, add
// a missing national item, raise a threshold to the national one, fix every typing slip in the
// file (the safe fixes `fenlei check --fix` applies), and save a verifier counterexample as a rule test case.
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { stringify } from 'yaml';
import { CodeActionKind, type CodeAction, type Diagnostic as LspDiagnostic, type Range, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import type { Diagnostic, FixEdit } from '../../compiler/diagnostics/types.js';
import { safeFixes } from '../../compiler/diagnostics/fixes.js';
import type { ItemModel } from '../../compiler/model/types.js';
import { LineIndex } from '../../compiler/source/line-index.js';
import { LIMITS } from '../../compiler/source/load-yaml.js';
import { readRegularFile } from '../../compiler/source/read-file.js';
import { toOffset, toRange } from '../position.js';
import type { Analysis, Workspace } from '../workspace.js';
import { ownDiagnostics, toLsp } from './diagnostics.js';
import { plainSafe, scalarText } from './formatting.js';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.fenlei`;

const PAIR: Record<ItemModel['pair'], string> = { problem: '发现问题/未发现问题', conform: '符合/不符合' };

function textEdits(a: Analysis, edits: readonly FixEdit[]): TextEdit[] {
  return [...edits].sort((x, y) => x.start - y.start).map((e) => ({ range: toRange(a.lines!, e.start, e.end), newText: e.newText }));
}

function overlaps(d: Diagnostic, start: number, end: number): boolean {
  return d.range.start.offset <= end && start <= d.range.end.offset;
}

export function codeActions(ws: Workspace, a: Analysis, range: Range, verifierDiagnostics: readonly Diagnostic[], only?: string[]): CodeAction[] {
  const start = toOffset(a.lines, range.start);
  const end = toOffset(a.lines, range.end);
  const wants = (kind: string): boolean => !only || only.some((o) => kind === o || kind.startsWith(o + '.'));
  const own = ownDiagnostics(a);
  const here = own.filter((d) => overlaps(d, start, end));
  const out: CodeAction[] = [];
  const edit = (edits: readonly FixEdit[]): WorkspaceEdit => ({ changes: { [a.uri]: textEdits(a, edits) } });
  const lsp = (d: Diagnostic): LspDiagnostic => toLsp(ws, a, d);

  if (wants(CodeActionKind.QuickFix)) {
    for (const d of here) {
      for (const fix of d.fixes ?? []) out.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [lsp(d)], isPreferred: true, edit: edit(fix.edits) });
    }
    if (a.ast) {
      starAll(a, here, own, out, edit, lsp);
      addNational(a, here, out, lsp);
      raiseThreshold(a, here, out, edit, lsp);
    }
    for (const d of verifierDiagnostics.filter((x) => overlaps(x, start, end))) {
      const action = saveCounterexample(ws, a, d, lsp(d));
      if (action) out.push(action);
    }
  }
  // The same safe fixes as `fenlei check --fix` (one choice of them: safeFixes).
  const slips = safeFixes(own, a.result.file);
  const kind = wants(FIX_ALL_KIND) ? FIX_ALL_KIND : wants(CodeActionKind.QuickFix) && here.some((d) => slips.some((s) => s.diagnostic === d)) ? CodeActionKind.QuickFix : undefined;
  if (kind && slips.length > 1) {
    out.push({ title: `修正本文件全部输入错误（${slips.length}处）/ fix every typing slip in the file`, kind, diagnostics: slips.map((s) => lsp(s.diagnostic)), edit: edit(slips.flatMap((s) => s.edits)) });
  }
  return out;
}

function starAll(a: Analysis, here: Diagnostic[], own: Diagnostic[], out: CodeAction[], edit: (e: readonly FixEdit[]) => WorkspaceEdit, lsp: (d: Diagnostic) => LspDiagnostic): void {
  const parentOf = (d: Diagnostic): string | undefined => {
    const id = a.ast!.items?.find((i) => i.id && i.id.loc.start === d.range.start.offset)?.id?.value;
    return a.model?.items.find((i) => i.id === id)?.refines ?? undefined;
  };
  const parents = new Set(here.filter((d) => d.code === 'FL3002').map(parentOf).filter((p): p is string => !!p));
  for (const parent of parents) {
    const all = own.filter((d) => d.code === 'FL3002' && parentOf(d) === parent);
    if (all.length < 2) continue;
    out.push({
      title: `将第${parent}项（★）的全部子项目设为指向型 / star every sub-item of ★ item ${parent}`,
      kind: 'quickfix',
      diagnostics: all.map(lsp),
      edit: edit(all.flatMap((d) => d.fixes?.[0]?.edits ?? [])),
    });
  }
}

/** YAML of a base item, as a list element at `indent`. */
export function itemYaml(it: ItemModel, indent: string): string {
  const v = (s: string): string => (plainSafe(s) ? s : JSON.stringify(s));
  const lines = [`- 编号: ${JSON.stringify(it.id)}`, `  内容: ${v(it.text)}`, `  答案: ${PAIR[it.pair]}`];
  if (it.directive) lines.push('  指向型: true');
  if (it.article) lines.push(`  依据: ${v(it.article)}`);
  if (it.methods.length) lines.push(`  检查方式: [${it.methods.join(', ')}]`);
  return lines.map((l) => indent + l).join('\n');
}

function addNational(a: Analysis, here: Diagnostic[], out: CodeAction[], lsp: (d: Diagnostic) => LspDiagnostic): void {
  const diags = here.filter((d) => d.code === 'FL3001');
  if (!diags.length || !a.base || !a.model) return;
  const missing = a.base.items.filter((b) => !a.model!.items.some((it) => (it.id === b.id && it.origin !== 'supplementary') || it.refines === b.id));
  if (!missing.length) return;
  const text = a.text;
  const items = a.ast!.items ?? [];
  const last = items[items.length - 1];
  let at: number;
  let indent: string;
  let prefix = '\n';
  if (last) {
    const lineStart = text.lastIndexOf('\n', last.loc.start - 1) + 1;
    indent = /^ */.exec(text.slice(lineStart))![0];
    at = last.loc.end;
    while (at > last.loc.start && /\s/.test(text[at - 1]!)) at--;
  } else if (a.ast!.keys.items) {
    at = a.ast!.keys.items.end + 1;
    indent = '  ';
  } else {
    at = text.length;
    indent = '  ';
    prefix = `${text.endsWith('\n') ? '' : '\n'}项目:\n`;
  }
  const insert = (its: ItemModel[]): WorkspaceEdit => {
    const body = its.map((it) => itemYaml(it, indent)).join('\n');
    const newText = prefix === '\n' ? `\n${body}` : `${prefix}${body}\n`;
    return { changes: { [a.uri]: [{ range: toRange(a.lines!, at, at), newText }] } };
  };
  for (const it of missing) {
    out.push({ title: `添加国家第${it.id}项 / add national item ${it.id}`, kind: 'quickfix', diagnostics: diags.map(lsp), isPreferred: missing.length === 1, edit: insert([it]) });
  }
  if (missing.length > 1) out.push({ title: `添加全部缺少的国家项目（${missing.length}项）/ add every missing national item`, kind: 'quickfix', diagnostics: diags.map(lsp), edit: insert(missing) });
}

function raiseThreshold(a: Analysis, here: Diagnostic[], out: CodeAction[], edit: (e: readonly FixEdit[]) => WorkspaceEdit, lsp: (d: Diagnostic) => LspDiagnostic): void {
  for (const d of here.filter((x) => x.code === 'FL3003')) {
    const c = (['C', 'AA', 'A', 'B'] as const)
      .flatMap((cls) => a.model?.classification[cls] ?? [])
      .find((x) => x.replaces && x.from.file === a.result.file && x.when.source.loc.start === d.range.start.offset);
    if (!c?.replaces) continue;
    const loc = c.when.source.loc;
    const national = c.replaces.when.source.text;
    const newText = scalarText(a.text.slice(loc.start, loc.end), national) ?? JSON.stringify(national);
    out.push({
      title: `提高到国家门槛“${national}” / raise to the national threshold`,
      kind: 'quickfix',
      diagnostics: [lsp(d)],
      isPreferred: true,
      edit: edit([{ start: loc.start, end: loc.end, newText }]),
    });
  }
}

interface Counterexample {
  record: unknown;
  expect?: Record<string, unknown>;
  national?: { class?: string; mode?: string };
}

/** The counterexample a verifier diagnostic carries: `data.counterexample` (or `data`) with a `record`. */
function counterexampleOf(data: unknown): Counterexample | undefined {
  if (!data || typeof data !== 'object') return undefined;
  const cx = ((data as { counterexample?: unknown }).counterexample ?? data) as Partial<Counterexample> & { expected?: Record<string, unknown> };
  if (!cx || typeof cx !== 'object' || !cx.record || typeof cx.record !== 'object') return undefined;
  const expect = cx.expect ?? cx.expected ?? (cx.national ? Object.fromEntries(Object.entries({ class: cx.national.class, mode: cx.national.mode }).filter(([, v]) => v !== undefined)) : undefined);
  return { record: cx.record, expect };
}

/** The test file counterexamples of `rules.yaml` go to: tests/rules.反例.test.yaml beside it. */
export function counterexampleFile(rulesPath: string): string {
  return join(dirname(rulesPath), 'tests', `${basename(rulesPath).replace(/\.ya?ml$/, '')}.反例.test.yaml`);
}

/** The saved test file's text; undefined when there is none yet, null when it cannot be used (a device, too large). */
function existingText(target: string): string | undefined | null {
  const r = readRegularFile(target, LIMITS.maxFileBytes);
  if ('bytes' in r) return r.bytes.toString('utf8');
  return r.problem === 'not-found' ? undefined : null;
}

function saveCounterexample(ws: Workspace, a: Analysis, d: Diagnostic, lspDiag: LspDiagnostic): CodeAction | undefined {
  const cx = counterexampleOf(d.data);
  if (!cx) return undefined;
  const target = counterexampleFile(a.path);
  const uri = ws.uriOf(target);
  const open = ws.document(uri);
  const existing = open ? open.getText() : existingText(target);
  if (existing === null) return undefined;
  const caseObj = { 名称: `反例：${d.message.split('\n')[0]}`, 记录: cx.record, 预期: cx.expect ?? {} };
  let edit: WorkspaceEdit;
  if (existing === undefined) {
    const text = `# 验证器找到的反例，由 fenlei 保存 / counterexamples found by the verifier\n${stringify({ 规则: `../${basename(a.path)}`, 用例: [caseObj] }, { lineWidth: 0 })}`;
    edit = {
      documentChanges: [
        { kind: 'create', uri: pathToFileURL(target).href, options: { ignoreIfExists: true } },
        { textDocument: { uri: pathToFileURL(target).href, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: text }] },
      ],
    };
  } else {
    const lines = new LineIndex(existing);
    const body = stringify([caseObj], { lineWidth: 0 }).split('\n').filter((l) => l !== '').map((l) => `  ${l}`).join('\n');
    const newText = `${existing.endsWith('\n') || existing === '' ? '' : '\n'}${body}\n`;
    edit = { changes: { [uri]: [{ range: toRange(lines, existing.length, existing.length), newText }] } };
  }
  return { title: `把反例保存为测试用例（${basename(target)}）/ save the counterexample as a test case`, kind: 'quickfix', diagnostics: [lspDiag], edit };
}
