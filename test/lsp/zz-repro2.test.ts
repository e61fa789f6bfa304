import { readFileSync } from 'node:fs';
import { it } from 'vitest';
import { LspClient, uriOf } from './client.js';

it('repro', async () => {
  const c = new LspClient();
  await c.initialize();
  const uri = uriOf('test-output/h13b/p.yaml');
  const text = readFileSync(process.env.F!, 'utf8');
  const t0 = Date.now();
  const first = await c.open(uri, text);
  console.log('open', Date.now() - t0, first.diagnostics.map((d) => d.code));
  const p = c.pos(uri, '[[[[', 17000);
  for (const m of ['textDocument/semanticTokens/full', 'textDocument/hover', 'textDocument/completion', 'textDocument/documentSymbol', 'textDocument/foldingRange', 'textDocument/inlayHint', 'textDocument/codeAction', 'textDocument/formatting']) {
    try {
      const r = await c.request(m, { textDocument: { uri }, position: p, range: { start: { line: 0, character: 0 }, end: p }, context: { diagnostics: [] }, options: { tabSize: 2, insertSpaces: true } });
      console.log(m, Date.now() - t0, JSON.stringify(r)?.slice(0, 100));
    } catch (e) { console.log(m, 'ERR', String(e).slice(0, 300), c.exitCode, c.stderr.slice(-500)); }
  }
  const v = await c.change(uri, [{ range: { start: p, end: p }, text: '[' }]);
  const q = await c.nextDiagnostics(uri, v);
  console.log('edit', Date.now() - t0, q.diagnostics.map((d) => d.code), c.exitCode);
  await c.close();
}, 300000);
