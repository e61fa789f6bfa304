// The real language server under random edit sequences on real rule files: one server process
// for every case; each case opens a real document under a virtual URI beside it (so `基于`
// resolves), types at random UTF-16 ranges (Chinese, full-width punctuation, quotes, tabs,
// newlines, whole-line deletions, whole-document replacements) with random requests in flight,
// and then checks that every request was answered, the server is alive, and the diagnostics
// after the last edit are those of a fresh open of the same text. The background verifier is
// off: its results arrive on their own timetable, and this suite checks the editing path.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Diagnostic, Position, Range, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { LspClient, REPO, offsetAt, positionAt, uriOf, type Published } from '../lsp/client.js';
import { FUZZ_RUNS, FUZZ_SEED, report } from './settings.js';

const SEEDS = ['rules/examples/zhejiang/rules.yaml', 'rules/examples/jiangsu/rules.yaml', 'rules/national/national.yaml'].map((path) => ({
  path,
  dir: path.slice(0, path.lastIndexOf('/')),
  text: readFileSync(resolve(REPO, path), 'utf8'),
}));

/** Cases per run (33 in `npm test`): each is one document, up to 40 edits and requests (about 0.25 s). */
const RUNS = Math.max(8, Math.round(FUZZ_RUNS / 3));
/** A request (or the diagnostics of a version) not answered in this long is a hang. */
const ANSWER_MS = 15_000;

const PIECES = [
  '：', '（', '）', '％', '，', '。', '、', '“', '”', '"', "'", '\t', '\n', '\n\n', '  ', '    ', '- ', ': ', '#', '[', ']', '{', '}',
  '且', '或', '非', '全部通过', '通过率 >= 95%', '通过率 ＞＝ ９５％', '项目:', '分组:', '分类:', '元数据:', '基于: national', '基于: ./nope',
  '编号: "9.9"', '细化: "2"', '指向型: true', '答案: 符合/不符合', '不适用条件: 非 出口企业', '条件: 全部通过(本省补充)', '- 名称: 新条件\n    条件: 真',
  '&a', '*a', '<<: *a', '!!str', '|', '>', '---', '...', '\u00a0', '\uFEFF', '\u2028', '😀', '\uD800', 'AA', '2.1', '补1', '__proto__',
];

/** Inserted text: a piece of rule-file syntax, or random characters (never '\r': the client's copy splits lines on '\n' only). */
const insertion: fc.Arbitrary<string> = fc
  .oneof(
    { weight: 4, arbitrary: fc.constantFrom(...PIECES) },
    { weight: 2, arbitrary: fc.array(fc.constantFrom(...PIECES), { minLength: 2, maxLength: 4 }).map((a) => a.join('')) },
    { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 3 }) },
    { weight: 1, arbitrary: fc.constant('') },
  )
  .map((s) => s.replace(/\r/g, ''));

type Change =
  | { kind: 'splice'; at: number; len: number; text: string }
  | { kind: 'deleteLines'; line: number; count: number }
  | { kind: 'whole'; from: number; cut: number };

const change: fc.Arbitrary<Change> = fc.oneof(
  { weight: 12, arbitrary: fc.record({ kind: fc.constant('splice' as const), at: fc.nat(), len: fc.oneof(fc.constant(0), fc.nat(3), fc.nat(40)), text: insertion }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('deleteLines' as const), line: fc.nat(), count: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('whole' as const), from: fc.nat(SEEDS.length + 1), cut: fc.nat() }) },
);

const METHODS = [
  'textDocument/completion',
  'textDocument/hover',
  'textDocument/definition',
  'textDocument/references',
  'textDocument/documentSymbol',
  'textDocument/foldingRange',
  'textDocument/semanticTokens/full',
  'textDocument/inlayHint',
  'textDocument/codeAction',
  'textDocument/formatting',
  'textDocument/prepareRename',
  'textDocument/rename',
] as const;

type Step =
  | { kind: 'edit'; changes: Change[] }
  | { kind: 'request'; method: (typeof METHODS)[number]; at: number; len: number; wait: boolean; outside: boolean };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('edit' as const), changes: fc.array(change, { minLength: 1, maxLength: 3 }) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('request' as const),
      method: fc.constantFrom(...METHODS),
      at: fc.nat(),
      len: fc.nat(200),
      wait: fc.boolean(),
      outside: fc.nat(15).map((k) => k === 0),
    }),
  },
);

const scenario = fc.record({ seed: fc.nat(SEEDS.length - 1), steps: fc.array(step, { minLength: 2, maxLength: 40 }) });

/** The LSP change for one generated change against the current text. */
function toEvent(text: string, ch: Change): TextDocumentContentChangeEvent {
  if (ch.kind === 'whole') {
    // Another real file, the current text less a chunk, or nothing at all.
    if (ch.from > SEEDS.length) return { text: '' };
    const src = ch.from < SEEDS.length ? SEEDS[ch.from]!.text : text;
    const cut = ch.cut % (src.length + 1);
    return { text: src.slice(0, cut) + src.slice(cut + Math.floor(src.length / 7)) };
  }
  if (ch.kind === 'deleteLines') {
    const starts = [0];
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    const first = ch.line % starts.length;
    const end = first + ch.count < starts.length ? starts[first + ch.count]! : text.length;
    return { range: { start: positionAt(text, starts[first]!), end: positionAt(text, end) }, text: '' };
  }
  const at = ch.at % (text.length + 1);
  const end = Math.min(text.length, at + ch.len);
  return { range: { start: positionAt(text, at), end: positionAt(text, end) }, text: ch.text };
}

function lineCount(text: string): number {
  return text.split('\n').length;
}

/** A position in the text, or (rarely, as a careless client might send) one past its end. */
function positionIn(text: string, at: number, outside: boolean): Position {
  if (outside) return at % 2 ? { line: lineCount(text) + (at % 5), character: 3 } : { line: 0, character: 1000 + (at % 50) };
  return positionAt(text, at % (text.length + 1));
}

function paramsFor(c: LspClient, uri: string, s: Extract<Step, { kind: 'request' }>): unknown {
  const text = c.text(uri);
  const position = positionIn(text, s.at, s.outside);
  const endOffset = Math.min(text.length, (s.at % (text.length + 1)) + s.len);
  const range: Range = { start: position, end: s.outside ? position : positionAt(text, endOffset) };
  const textDocument = { uri };
  switch (s.method) {
    case 'textDocument/references':
      return { textDocument, position, context: { includeDeclaration: s.at % 2 === 0 } };
    case 'textDocument/documentSymbol':
    case 'textDocument/foldingRange':
    case 'textDocument/semanticTokens/full':
      return { textDocument };
    case 'textDocument/inlayHint':
      return { textDocument, range: s.len > 150 ? { start: { line: 0, character: 0 }, end: { line: lineCount(text), character: 0 } } : range };
    case 'textDocument/codeAction': {
      // The diagnostics the client last saw (perhaps of an earlier version), as an editor sends them.
      const seen = c.published.get(uri)?.at(-1)?.diagnostics ?? [];
      const d = seen.length ? seen[s.at % seen.length] : undefined;
      const only = s.len % 3 === 0 ? ['quickfix'] : s.len % 3 === 1 ? ['source.fixAll.fenlei'] : undefined;
      return { textDocument, range: d && s.len % 2 ? d.range : range, context: { diagnostics: d ? [d] : seen.slice(0, 3), ...(only ? { only } : {}) } };
    }
    case 'textDocument/formatting':
      return { textDocument, options: { tabSize: 2, insertSpaces: true } };
    case 'textDocument/rename':
      return { textDocument, position, newName: ['新名称', 'X1', '补9', ''][s.len % 4] };
    default:
      return { textDocument, position };
  }
}

/** Rejects when `p` is not settled within `ms` (a hang). */
function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

interface Answer {
  what: string;
  error?: { code: number; message: string };
}

/** Sends a request; settles with its result or its JSON-RPC error, and fails only on a hang. */
async function ask(c: LspClient, method: string, params: unknown): Promise<Answer> {
  const what = `${method} ${JSON.stringify(params).slice(0, 300)}`;
  try {
    const result = await within(c.request<unknown>(method, params), ANSWER_MS, what);
    if (method === 'textDocument/completion' && Array.isArray((result as { items?: unknown[] } | null)?.items)) {
      const first = (result as { items: unknown[] }).items[0];
      if (first) await within(c.request<unknown>('completionItem/resolve', first), ANSWER_MS, 'completionItem/resolve');
    }
    return { what };
  } catch (e) {
    const err = e as { code?: unknown; message?: string };
    if (typeof err.code !== 'number') throw e;
    return { what, error: { code: err.code, message: String(err.message) } };
  }
}

/** The last diagnostics published for `version` of `uri`, waiting for them if not yet seen. */
async function diagnosticsOf(c: LspClient, uri: string, version: number): Promise<Published> {
  // Checked and, if not yet seen, awaited with no turn of the event loop in between.
  const seen = c.published.get(uri)?.filter((p) => p.version === version).at(-1);
  const first = seen ?? (await within(c.nextDiagnostics(uri, version), ANSWER_MS, `diagnostics of ${uri} v${version}`));
  // A round trip lets any publish already on its way arrive; the last one for this version wins.
  await within(c.request('fenlei/stats', {}), ANSWER_MS, 'fenlei/stats');
  return c.published.get(uri)?.filter((p) => p.version === version).at(-1) ?? first;
}

/** What two documents' diagnostics must share (messages name the file, so its name is masked). */
function comparable(ds: Diagnostic[], uri: string): unknown[] {
  const name = uri.slice(uri.lastIndexOf('/') + 1);
  return ds.map((d) => ({ code: d.code, severity: d.severity, range: d.range, message: d.message.split(name).join('<doc>').split(decodeURIComponent(name)).join('<doc>') }));
}

let c: LspClient;
const logged: string[] = [];

beforeAll(async () => {
  c = new LspClient();
  c.conn.onNotification('window/logMessage', (p: { type: number; message: string }) => {
    if (p.type <= 2) logged.push(p.message);
  });
  await c.initialize({ verifier: { enabled: false } });
});
afterAll(async () => {
  await c?.close();
});

describe('language server under random edit sequences', () => {
  it('answers every request, stays alive, and ends with the diagnostics of a fresh open', { timeout: Math.max(90_000, RUNS * 4000) }, async () => {
    let tried = 0;
    const failures: string[] = [];
    await fc.assert(
      fc.asyncProperty(scenario, async ({ seed, steps }) => {
        const n = ++tried;
        const src = SEEDS[seed]!;
        const edited = uriOf(`${src.dir}/__fuzz-edited-${n}.yaml`);
        const fresh = uriOf(`${src.dir}/__fuzz-fresh-${n}.yaml`);
        const inFlight: Promise<Answer>[] = [];
        try {
          await within(c.open(edited, src.text), ANSWER_MS, `open ${edited}`);
          for (const s of steps) {
            if (s.kind === 'edit') {
              let text = c.text(edited);
              const events: TextDocumentContentChangeEvent[] = [];
              for (const ch of s.changes) {
                const ev = toEvent(text, ch);
                events.push(ev);
                // Later changes in one notification apply to the text the earlier ones made.
                text = 'range' in ev ? text.slice(0, offsetAt(text, ev.range.start)) + ev.text + text.slice(offsetAt(text, ev.range.end)) : ev.text;
              }
              await c.change(edited, events);
            } else {
              const p = ask(c, s.method, paramsFor(c, edited, s));
              if (s.wait) await p;
              else inFlight.push(p);
            }
          }
          const answers = await Promise.all([...inFlight, ask(c, 'textDocument/documentSymbol', { textDocument: { uri: edited } })]);
          const internal = answers.filter((a) => a.error && a.error.code === -32603);
          if (internal.length) failures.push(...internal.map((a) => `${a.what}\n  → ${a.error!.message}`));
          expect(internal.map((a) => a.error!.message)).toEqual([]);

          const text = c.text(edited);
          const last = await diagnosticsOf(c, edited, c.version(edited));
          const lines = text.split('\n');
          for (const d of last.diagnostics) {
            const { start, end } = d.range;
            expect(start.line <= end.line && end.line < lines.length, `range of ${d.code} inside the document`).toBe(true);
            expect(end.character <= lines[end.line]!.length, `range of ${d.code} inside its line`).toBe(true);
          }
          const opened = await within(c.open(fresh, text), ANSWER_MS, `open ${fresh}`);
          expect(comparable(last.diagnostics, edited)).toEqual(comparable(opened.diagnostics, fresh));
        } finally {
          await c.closeDocument(edited);
          await c.closeDocument(fresh);
          c.published.delete(edited);
          c.published.delete(fresh);
        }
      }),
      { numRuns: RUNS, seed: FUZZ_SEED },
    );
    report('lsp random edits', tried, failures.length);
    const stats = await within(c.request<{ yaml: unknown }>('fenlei/stats', {}), ANSWER_MS, 'fenlei/stats');
    expect(stats.yaml).toBeDefined();
    expect(c.exitCode).toBeNull();
    expect(c.stderr).not.toMatch(/Unhandled|TypeError|RangeError/);
    expect(logged.filter((m) => /Unhandled|TypeError|RangeError|failed/.test(m))).toEqual([]);
  });
});
