// The VS Code extension builds from the sources with one npm script, and the .vsix holds the
// client, the bundled server (which runs from the package alone), the grammar and the snippets.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node.js';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { REPO } from './client.js';

const version = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version;
const vsix = join(REPO, 'editors', 'vscode', `fenlei-${version}.vsix`);
const unpacked = mkdtempSync(join(tmpdir(), 'fenlei-vsix-'));
afterAll(() => rmSync(unpacked, { recursive: true, force: true }));

describe('VS Code extension', () => {
  it('npm run package:vsix builds the .vsix with the expected contents', () => {
    rmSync(vsix, { force: true });
    execFileSync('npm', ['run', 'package:vsix'], { cwd: REPO, stdio: 'pipe', timeout: 180_000 });
    const listing = execFileSync('unzip', ['-Z1', vsix], { encoding: 'utf8' }).trim().split('\n').sort();
    expect(listing).toEqual(
      [
        '[Content_Types].xml',
        'extension.vsixmanifest',
        'extension/LICENSE.md',
        'extension/language-configuration.json',
        'extension/out/client/extension.js',
        'extension/out/server/dist/lsp/verify-worker.js',
        'extension/out/server/lsp/main.js',
        'extension/out/server/package.json',
        'extension/out/server/rules/national/national.yaml',
        'extension/out/server/rules/national/scope.yaml',
        'extension/package.json',
        'extension/readme.md',
        'extension/snippets/fenlei.json',
        'extension/syntaxes/fenlei.tmLanguage.json',
      ].sort(),
    );
    const manifest = JSON.parse(execFileSync('unzip', ['-p', vsix, 'extension/package.json'], { encoding: 'utf8' })) as Record<string, unknown> & { contributes: { languages: unknown[] } };
    expect(manifest).toMatchObject({ name: 'fenlei', version, main: './out/client/extension.js', engines: { vscode: '^1.82.0' } });
    expect(manifest.contributes.languages).toEqual([
      {
        id: 'fenlei',
        aliases: ['分类监管规则', 'fenlei'],
        extensions: ['.fenlei.yaml', '.fenlei.yml'],
        filenamePatterns: ['**/rules/**/*.yaml', '**/rules/**/*.yml'],
        configuration: './language-configuration.json',
      },
    ]);
  });

  it('the TextMate grammar and the snippets are well-formed', () => {
    const grammar = JSON.parse(readFileSync(join(REPO, 'editors', 'vscode', 'syntaxes', 'fenlei.tmLanguage.json'), 'utf8')) as unknown;
    const patterns: string[] = [];
    const walk = (x: unknown): void => {
      if (Array.isArray(x)) x.forEach(walk);
      else if (x && typeof x === 'object') {
        for (const [k, v] of Object.entries(x)) {
          if ((k === 'match' || k === 'begin' || k === 'end') && typeof v === 'string' && !/\\\d/.test(v)) patterns.push(v);
          else walk(v);
        }
      }
    };
    walk(grammar);
    expect(patterns.length).toBeGreaterThan(15);
    for (const p of patterns) expect(() => new RegExp(p, 'u')).not.toThrow();
    const expr = patterns.find((p) => p.includes('|任一不通过|'))!;
    expect(new RegExp(expr, 'u').exec('通过率(基础管理) < 50%')?.[0]).toBe('通过率');
    const snippets = JSON.parse(readFileSync(join(REPO, 'editors', 'vscode', 'snippets', 'fenlei.json'), 'utf8')) as Record<string, { prefix: string[] }>;
    expect(Object.values(snippets).map((s) => s.prefix[0])).toEqual(['细则', '细化', '补充', '条件', '分组', '企业信息', '事件']);
  });

  it('the bundled server runs from the unpacked extension alone', async () => {
    execFileSync('unzip', ['-q', vsix, '-d', unpacked]);
    const proc = spawn(process.execPath, [join(unpacked, 'extension', 'out', 'server', 'lsp', 'main.js'), '--stdio'], { cwd: unpacked, stdio: ['pipe', 'pipe', 'inherit'] });
    const conn = createProtocolConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
    const published = new Promise<PublishDiagnosticsParams>((resolve) => conn.onNotification('textDocument/publishDiagnostics', resolve));
    conn.listen();
    const init = (await conn.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {}, initializationOptions: { verifier: { enabled: false } } })) as { serverInfo: { name: string; version: string } };
    expect(init.serverInfo).toEqual({ name: 'fenlei', version });
    await conn.sendNotification('initialized', {});
    const uri = pathToFileURL(join(unpacked, 'p.fenlei.yaml')).href;
    const text = '元数据:\n  名称: 测试\n  地区: 测试省\n  版本: "1"\n  生效日期: 2026-01-01\n  基于: national\n项目:\n  - 编号: "6.1"\n    细化: "66"\n    内容: 测试。\n    答案: 发现问题/未发现问题\n';
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'fenlei', version: 1, text } });
    const p = await published;
    expect(p.diagnostics.map((d) => [d.code, d.range])).toEqual([['FL2002', { start: { line: 8, character: 8 }, end: { line: 8, character: 12 } }]]);
    await conn.sendRequest('shutdown');
    await conn.sendNotification('exit');
    conn.dispose();
    proc.kill();
  });
});
