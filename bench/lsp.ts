// Section `lsp`: latency of the language server as an editor sees it. The real server process
// (`node bin/fenlei.js lsp --stdio`) is driven over JSON-RPC as the tests do, on a generated
// 500-item province file; after a warm-up, p50 and p95 over at least 100 requests each of
// completion, hover, diagnostics after an edit, and the verifier's diagnostics after an edit (of
// an item's text, which reuses the last search, and of a threshold, which does not).
// Targets (p95): completion < 16 ms, hover < 10 ms, diagnostics < 50 ms, verifier < 250 ms.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection } from 'vscode-languageserver-protocol/node.js';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { packageRoot } from '../compiler/program.js';
import { intOption, mark, percentile, table, type BenchOptions, type Section } from './measure.js';
import { generateRuleFile } from '../test/fixtures/rule-file.js';

const TARGETS = { completion: 16, hover: 10, diagnostics: 50, verifier: 250 } as const;

const position = (text: string, offset: number) => {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length - 1, character: offset - (before.lastIndexOf('\n') + 1) };
};

/** The language server process, and the diagnostics it has published, waited for by document version. */
interface Server {
  conn: ProtocolConnection;
  proc: ChildProcess;
  published: PublishDiagnosticsParams[];
  /** The first publish for version `v` that `pred` accepts: one received already, or the next. */
  nextPublish(v: number, pred?: (p: PublishDiagnosticsParams) => boolean): Promise<PublishDiagnosticsParams>;
}

/** `fenlei lsp --stdio` started and initialized, as an editor does. */
async function startServer(root: string): Promise<Server> {
  const proc = spawn(process.execPath, [join(root, 'bin', 'fenlei.js'), 'lsp', '--stdio'], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  const waiting = new Map<number, (p: PublishDiagnosticsParams) => void>();
  const published: PublishDiagnosticsParams[] = [];
  conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    published.push(p);
    const w = p.version !== undefined ? waiting.get(p.version) : undefined;
    if (w) w(p);
  });
  conn.listen();
  await conn.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(root).href, capabilities: {}, initializationOptions: {} });
  await conn.sendNotification('initialized', {});
  const nextPublish = (v: number, pred: (p: PublishDiagnosticsParams) => boolean = () => true) =>
    new Promise<PublishDiagnosticsParams>((resolve) => {
      const hit = published.find((p) => p.version === v && pred(p));
      if (hit) return resolve(hit);
      waiting.set(v, (p) => {
        if (!pred(p)) return;
        waiting.delete(v);
        resolve(p);
      });
    });
  return { conn, proc, published, nextPublish };
}

async function stopServer({ conn, proc }: Server): Promise<void> {
  await conn.sendRequest('shutdown');
  await conn.sendNotification('exit');
  conn.dispose();
  proc.kill();
}

/**
 * The open rule file, edited one character at a time: an item's text (a different item each
 * time), or a rule edit, the A-class threshold toggled between 99% and 98% (the search must run
 * again).
 */
class EditedFile {
  version = 1;
  private readonly texts: number[];
  private readonly threshold: number;

  constructor(
    private readonly server: Server,
    readonly uri: string,
    public text: string,
  ) {
    this.texts = [...text.matchAll(/内容: 第(\d+)个补充项目/g)].map((m) => m.index! + 4);
    this.threshold = text.indexOf('通过率 >= 99%') + '通过率 >= 9'.length;
  }

  /** Opened; the front end's diagnostics of it. */
  async open(): Promise<PublishDiagnosticsParams> {
    const opened = this.server.nextPublish(1);
    await this.server.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: this.uri, languageId: 'fenlei', version: this.version, text: this.text } });
    return opened;
  }

  /** Edit `i`, done when the publish for its version that `pred` accepts has come. */
  async edit(i: number, pred?: (p: PublishDiagnosticsParams) => boolean, rule = false): Promise<void> {
    const { text } = this;
    const at = rule ? this.threshold : this.texts[(i * 53) % this.texts.length]!;
    const ch = rule ? (text[at] === '9' ? '8' : '9') : text[at] === '第' ? '笫' : '第';
    const version = ++this.version;
    const done = this.server.nextPublish(version, pred);
    this.text = text.slice(0, at) + ch + text.slice(at + 1);
    await this.server.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri: this.uri, version },
      contentChanges: [{ range: { start: position(this.text, at), end: position(this.text, at + 1) }, text: ch }],
    });
    await done;
  }
}

async function time(f: () => Promise<unknown>): Promise<number> {
  const t0 = process.hrtime.bigint();
  await f();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/** Milliseconds of `k` requests, after `warmup` untimed ones. */
async function timedRuns(warmup: number, k: number, f: (i: number) => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await f(i);
  const out: number[] = [];
  for (let i = 0; i < k; i++) out.push(await time(() => f(i)));
  return out;
}

/** One row of the results: p50 and p95 against the target (none when no verifier is built). */
function resultRow(name: keyof typeof TARGETS, xs: number[] | undefined, label: string = name): string[] {
  if (!xs) return [label, '—', '—', '—', `< ${TARGETS[name]} ms`, 'no verifier built (compiler/verify/index.js)'];
  const sorted = [...xs].sort((a, b) => a - b);
  const p95 = percentile(sorted, 95);
  return [label, String(xs.length), percentile(sorted, 50).toFixed(2), p95.toFixed(2), `< ${TARGETS[name]} ms`, mark(p95 < TARGETS[name])];
}

const section: Section = {
  name: 'lsp',
  title: 'language server latency (real process over stdio, 500-item rule file)',
  async run(options: BenchOptions) {
    const n = intOption(options, 'requests', 120);
    const warmup = intOption(options, 'warmup', 30);
    const items = intOption(options, 'items', 500);
    const root = packageRoot();
    const server = await startServer(root);
    const { conn, published } = server;
    const file = new EditedFile(server, pathToFileURL(join(root, 'test-output', 'bench', 'province-500.yaml')).href, generateRuleFile(items));
    const { uri, text } = file;
    const first = await file.open();
    console.log(`rule file: ${items} items, ${text.split('\n').length} lines, ${text.length} characters; diagnostics on open: ${first.diagnostics.length}`);
    const stats0 = (await conn.sendRequest('fenlei/stats', {})) as { verifier: { enabled: boolean } };
    if (stats0.verifier.enabled) {
      // Let the first background verification finish, so that it does not compete with what is timed.
      const t0 = Date.now();
      await server.nextPublish(1, (p) => published.filter((q) => q.version === 1).length >= 2 && published.indexOf(p) > 0);
      console.log(`first verification of the whole file (on open): ${Date.now() - t0} ms after the front end's diagnostics`);
    }
    const run = (k: number, f: (i: number) => Promise<unknown>) => timedRuns(warmup, k, f);

    // Completion and hover on the text as opened (edits below change one character, not offsets).
    const exprAt = text.indexOf('条件: 全部通过(前十项) 且 ') + '条件: 全部通过(前十项) 且 '.length;
    const keyAt = text.indexOf('    答案: 符合/不符合');
    const completion = await run(n, (i) => conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: position(text, i % 2 ? exprAt : keyAt) }));
    const ids = [...text.matchAll(/编号: (补\d+)/g)].map((m) => m.index! + 4);
    const hover = await run(n, (i) => conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: position(text, ids[(i * 37) % ids.length]!) }));

    const diagnostics = await run(n, (i) => file.edit(i));
    let verifier: number[] | undefined;
    let verifierRule: number[] | undefined;
    if (stats0.verifier.enabled) {
      // The verifier's diagnostics come in a second publish for the same version. After an edit
      // of an item's text the verifier reuses its last search; after a rule edit it searches again.
      const verified = (rule: boolean) => async (i: number) => {
        const before = published.length;
        await file.edit(i, (p) => published.indexOf(p) > before && published.filter((q) => q.version === p.version).length >= 2, rule);
      };
      verifier = await run(Math.max(100, Math.floor(n / 2)), verified(false));
      verifierRule = await run(Math.max(100, Math.floor(n / 2)), verified(true));
    }
    const stats = (await conn.sendRequest('fenlei/stats', {})) as { yaml: Record<string, number>; verifier: Record<string, unknown> };
    await stopServer(server);

    console.log(
      '\n' +
        table(
          ['request', '>n', '>p50 ms', '>p95 ms', 'target p95', 'met'],
          [resultRow('completion', completion), resultRow('hover', hover), resultRow('diagnostics', diagnostics), resultRow('verifier', verifier, 'verifier (text edit)'), resultRow('verifier', verifierRule, 'verifier (rule edit)')],
        ),
    );
    console.log(`\nYAML parses in the server: ${JSON.stringify(stats.yaml)}; verifier: ${JSON.stringify(stats.verifier)}`);
  },
};

export default section;
