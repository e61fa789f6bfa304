// Hostile rule files through the real server: each gets its diagnostic,
// the server keeps answering after the next edit, and the limits hold before the work
// (a too-deep file never reaches the YAML parser).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LspClient, uriOf } from './client.js';
import { PROVINCE } from './fixtures.js';

let c: LspClient;
beforeAll(async () => {
  c = new LspClient();
  await c.initialize({ verifier: { enabled: false } });
});
afterAll(async () => {
  await c.close();
});

const withCondition = (expr: string): string => PROVINCE.replace('通过率 >= 95%', expr);
const yamlParses = async (): Promise<number> => {
  const s = await c.request<{ yaml: { full: number; incremental: number } }>('fenlei/stats', {});
  return s.yaml.full + s.yaml.incremental;
};

/** Opens `text`, edits it once (a comment line at the top), and asks for hover and symbols. */
async function survive(name: string, text: string): Promise<string[][]> {
  const uri = uriOf(`test-output/lsp/limits/${name}.yaml`);
  const first = await c.open(uri, text);
  const v = await c.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# 改\n' }]);
  const second = await c.nextDiagnostics(uri, v);
  await c.request('textDocument/hover', { textDocument: { uri }, position: { line: 12, character: 10 } });
  await c.request('textDocument/documentSymbol', { textDocument: { uri } });
  await c.request('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
  await c.closeDocument(uri);
  expect(c.exitCode).toBeNull();
  return [first.diagnostics.map((d) => String(d.code)), second.diagnostics.map((d) => String(d.code))];
}

describe('the server survives hostile files with a diagnostic', () => {
  it('5,000 counts joined by + (the binder once overflowed its stack)', async () => {
    const chain = Array.from({ length: 5000 }, () => '次数(抽查不合格, 近3年)').join(' + ');
    expect(await survive('flat', withCondition(`${chain} > 1`))).toEqual([['FL0110'], ['FL0110']]);
  });

  it('300 operators in a short condition', async () => {
    expect(await survive('operators', withCondition(`${Array.from({ length: 300 }, () => '1').join('+')} > 1`))).toEqual([['FL0111'], ['FL0111']]);
  });

  it('35,000 nested brackets in a 70 KB scalar', async () => {
    const deep = `${'['.repeat(35000)}${']'.repeat(35000)}`;
    expect(await survive('brackets', withCondition(`"${deep}"`))).toEqual([['FL0110'], ['FL0110']]);
    expect(await survive('brackets-plain', withCondition(`通过率 < ${deep}`))).toEqual([['FL0110'], ['FL0110']]);
  });

  it('a deeply nested document never reaches the YAML parser', async () => {
    const before = await yamlParses();
    expect(await survive('deep', `说明: ${'['.repeat(200000)}${']'.repeat(200000)}\n${PROVINCE}`)).toEqual([['FL0006'], ['FL0006']]);
    expect(await yamlParses()).toBe(before);
  });

  it('a base that is a device', async () => {
    const [first, second] = await survive('device', PROVINCE.replace('基于: national', '基于: /dev/zero'));
    for (const codes of [first, second]) expect(codes).toEqual(expect.arrayContaining(['FL0011', 'FL2014']));
  });

  it('and still answers on an ordinary file afterwards', async () => {
    expect(await c.open(uriOf('test-output/lsp/limits/ok.yaml'), PROVINCE)).toEqual({ version: 1, diagnostics: [] });
  });
});
