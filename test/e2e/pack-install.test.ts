// The package as a user installs it: `npm pack`, `npm install -g` into a temporary prefix, then
// `fenlei` run from another folder (check, eval, verify, the language server), and the library's
// types read by a TypeScript consumer. Dependencies come from npm's local cache (npm ci filled it).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, existsSync, mkdirSync, symlinkSync, rmSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

let dir = '';
let bin = '';
let installed = '';
let work = '';

function fenlei(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(bin, args, { cwd: work, encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(() => {
  // In memory where the machine has a tmpfs: npm writes some 12,000 files of 275 packages, and on disk
  // that cost about 5 s of the install's 14 s of CPU (the kernel's share).
  dir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'fenlei-pack-'));
  // The build is done by `npm test` before vitest; packing again would rebuild.
  expect(existsSync(join(ROOT, 'dist', 'fenlei.mjs'))).toBe(true);
  const pack = spawnSync(NPM, ['pack', '--ignore-scripts', '--pack-destination', dir, '--json'], { cwd: ROOT, encoding: 'utf8' });
  expect(pack.status, pack.stderr).toBe(0);
  const tgz = readdirSync(dir).find((f) => f.endsWith('.tgz'));
  expect(tgz).toBeDefined();
  const prefix = join(dir, 'prefix');
  const install = spawnSync(NPM, ['install', '-g', '--prefix', prefix, join(dir, tgz!), '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts'], { encoding: 'utf8', cwd: dir });
  expect(install.status, install.stderr).toBe(0);
  // Node 20 is supported: no dependency installed for it may ask for a newer Node (cookie 2, which a newer
  // light-my-request brings through Fastify, did; package.json pins light-my-request 6.6.0 for the install).
  expect(install.stderr).not.toContain('EBADENGINE');
  bin = join(prefix, 'bin', 'fenlei');
  installed = join(prefix, 'lib', 'node_modules', 'fenlei');
  work = join(dir, 'work');
  mkdirSync(work);
}, 240_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('npm pack → npm install -g → fenlei anywhere', () => {
  it('ships the build, the national rules and the examples, and no tests or benchmarks', () => {
    // The CLI, the commands with their own bundles and the worker threads' bundles.
    for (const f of ['fenlei', 'lsp', 'serve', 'user', 'eval-worker', 'verify-worker']) expect([f, existsSync(join(installed, 'dist', `${f}.mjs`))]).toEqual([f, true]);
    // The unbundled build: the library's entries and their types.
    expect(existsSync(join(installed, 'dist', 'compiler', 'index.js'))).toBe(true);
    expect(existsSync(join(installed, 'rules', 'national', 'national.yaml'))).toBe(true);
    expect(existsSync(join(installed, 'rules', 'examples', 'zhejiang', 'rules.yaml'))).toBe(true);
    expect(existsSync(join(installed, 'test'))).toBe(false);
    expect(existsSync(join(installed, 'dist', 'bench'))).toBe(false);
  });

  it('checks the bundled national rules and a province given by path', () => {
    const r = fenlei(['check', 'national']);
    expect(r.code).toBe(0);
    expect(r.err).toContain('检查完成：1 个文件，0 个错误');
    const p = fenlei(['check', join(installed, 'rules', 'examples', 'jiangsu', 'rules.yaml')]);
    expect(p.code).toBe(0);
  });

  it('classifies a register written in the working folder, through the worker threads', () => {
    const ids = Array.from({ length: 19 }, (_, i) => String(i + 1));
    const header = ['编号', '企业名称', '行政区划代码', '检查日期', ...ids].join(',');
    const pass = ids.map((id) => (['8', '13', '14', '17', '18', '19'].includes(id) ? '符合' : '未发现问题'));
    const row = (n: number, a: string[]) => [`E${n}`, `企业${n}`, '330102', '2026-03-01', ...a].join(',');
    const fail3 = pass.map((a, i) => (i === 2 ? '发现问题' : a));
    writeFileSync(join(work, 'register.csv'), [header, row(1, pass), row(2, fail3)].join('\n') + '\n');
    // Pieces of 200 bytes: the rows go to the worker threads, not the main thread.
    const r = fenlei(['eval', 'national', 'register.csv', '--format', 'jsonl', '--out', 'out.jsonl', '--jobs', '2'], { FENLEI_PIECE_BYTES: '200' });
    expect(r.code, r.err).toBe(0);
    const lines = readFileSync(join(work, 'out.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; class?: string });
    expect(lines.map((l) => [l.id, l.class])).toEqual([
      ['E1', 'AA'],
      ['E2', 'A'],
    ]);
  });

  it('loads the information system and its users from their bundles', () => {
    for (const command of ['serve', 'user']) {
      const r = fenlei([command, '--help']);
      expect([command, r.code, r.err]).toEqual([command, 0, '']);
      expect(r.out).toContain(`用法 Usage: fenlei ${command}`);
    }
  });

  it('verifies a province against the national rules', () => {
    const r = fenlei(['verify', join(installed, 'rules', 'examples', 'zhejiang', 'rules.yaml')]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('已证明不比国家规则宽松');
  });

  it('starts the language server over stdio and answers initialize', async () => {
    const child = spawn(bin, ['lsp', '--stdio'], { cwd: work, stdio: ['pipe', 'pipe', 'pipe'] });
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
    child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    const reply = await new Promise<{ id: number; result: { capabilities: Record<string, unknown>; serverInfo?: { name: string } } }>((resolve, reject) => {
      let buf = Buffer.alloc(0);
      child.on('error', reject);
      child.on('exit', (code) => reject(new Error(`server exited ${code}`)));
      child.stdout.on('data', (d: Buffer) => {
        buf = Buffer.concat([buf, d]);
        const head = buf.indexOf('\r\n\r\n');
        if (head < 0) return;
        const len = Number(/Content-Length: (\d+)/.exec(buf.subarray(0, head).toString())?.[1]);
        if (buf.length >= head + 4 + len) resolve(JSON.parse(buf.subarray(head + 4, head + 4 + len).toString()));
      });
    });
    child.kill();
    expect(reply.id).toBe(1);
    expect(reply.result.capabilities).toHaveProperty('completionProvider');
    expect(reply.result.capabilities).toHaveProperty('hoverProvider');
  });

  it('gives a TypeScript consumer the types of fenlei and fenlei/runtime', () => {
    const app = join(dir, 'app');
    mkdirSync(join(app, 'node_modules'), { recursive: true });
    symlinkSync(installed, join(app, 'node_modules', 'fenlei'));
    writeFileSync(join(app, 'package.json'), '{ "type": "module" }\n');
    writeFileSync(join(app, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', noEmit: true, types: [], skipLibCheck: true } }));
    writeFileSync(
      join(app, 'main.ts'),
      [
        "import { Program, hasErrors } from 'fenlei';",
        "import { CLASS_BY_RANK, type Decision } from 'fenlei/runtime';",
        'const cls: Decision["class"] = CLASS_BY_RANK[3]!;',
        'const ok: boolean = hasErrors([]);',
        'export { Program, cls, ok };',
        // A wrong type must be caught: the types are real, not `any`.
        '// @ts-expect-error a number is not a class',
        'export const wrong: Decision["class"] = 3;',
      ].join('\n'),
    );
    const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', app], { encoding: 'utf8' });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  });
});
