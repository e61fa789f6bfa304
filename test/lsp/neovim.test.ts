// A second, real editor: headless Neovim (Debian's `neovim`, 0.7 or later) starts the server,
// attaches it to the example province and receives completions and diagnostics — including
// after an edit that Neovim sends incrementally.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from './client.js';

function findNvim(): string | undefined {
  try {
    return execFileSync('sh', ['-c', 'command -v nvim'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

const nvim = findNvim();
if (!nvim && process.env.CI) {
  throw new Error('nvim is missing in CI: .ci/run installs Debian\'s neovim package (apt-get install -y neovim) before npm test');
}
if (!nvim) console.warn('neovim.test.ts skipped: nvim is not installed (apt-get install -y neovim). CI installs it and runs this test.');

const EXAMPLE = join(REPO, 'rules', 'examples', 'zhejiang', 'rules.yaml');

const lua = (out: string, refineLine: number, condLine: number) => `
local out = {}
local function emit(kind, value) table.insert(out, kind .. '\\t' .. vim.fn.json_encode(value)) end
local published = 0
vim.cmd('edit ' .. vim.fn.fnameescape(${JSON.stringify(EXAMPLE)}))
local buf = vim.api.nvim_get_current_buf()
local id = vim.lsp.start_client({
  name = 'fenlei',
  cmd = { ${JSON.stringify(process.execPath)}, ${JSON.stringify(join(REPO, 'bin', 'fenlei.js'))}, 'lsp', '--stdio' },
  root_dir = ${JSON.stringify(REPO)},
  init_options = { verifier = { enabled = false } },
  handlers = {
    ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
      emit('diagnostics', result)
      published = published + 1
      vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, config)
    end,
  },
})
vim.lsp.buf_attach_client(buf, id)
vim.wait(20000, function() return published >= 1 end, 20)
local client = vim.lsp.get_client_by_id(id)
local uri = vim.uri_from_bufnr(buf)
local res = client.request_sync('textDocument/completion', { textDocument = { uri = uri }, position = { line = ${refineLine}, character = 9 } }, 10000, buf)
emit('completion', res and res.result or vim.NIL)
local hover = client.request_sync('textDocument/hover', { textDocument = { uri = uri }, position = { line = ${refineLine}, character = 9 } }, 10000, buf)
emit('hover', hover and hover.result or vim.NIL)
local line = vim.api.nvim_buf_get_lines(buf, ${condLine}, ${condLine} + 1, false)[1]
vim.api.nvim_buf_set_lines(buf, ${condLine}, ${condLine} + 1, false, { (line:gsub('72%%', '７２％')) })
vim.wait(20000, function() return published >= 2 end, 20)
emit('buffer', vim.api.nvim_buf_get_lines(buf, ${condLine}, ${condLine} + 1, false)[1])
vim.fn.writefile(out, ${JSON.stringify(out)})
client.stop()
vim.cmd('qa!')
`;

describe.skipIf(!nvim)('Neovim as the LSP client', () => {
  it('attaches to an example province and receives completions and diagnostics', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fenlei-nvim-'));
    try {
      const lines = readFileSync(EXAMPLE, 'utf8').split('\n');
      const refineLine = lines.indexOf('    细化: "2"');
      const condLine = lines.indexOf('        条件: 通过率 < 72%');
      const out = join(dir, 'out.txt');
      writeFileSync(join(dir, 'test.lua'), lua(out, refineLine, condLine));
      const r = spawnSync(nvim!, ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${join(dir, 'test.lua')}`], { encoding: 'utf8', timeout: 60_000 });
      const records = readFileSync(out, 'utf8').trim().split('\n').map((l) => {
        const [kind, json] = l.split('\t');
        return { kind: kind!, value: JSON.parse(json!) as Record<string, unknown> };
      });
      expect(r.status).toBe(0);
      const diagnostics = records.filter((x) => x.kind === 'diagnostics').map((x) => x.value as { uri: string; diagnostics: { code: string; range: unknown; message: string }[] });
      expect(diagnostics[0]).toMatchObject({ uri: `file://${EXAMPLE}`, diagnostics: [] });
      const completion = records.find((x) => x.kind === 'completion')!.value as { items: { label: string; detail: string }[] };
      expect(completion.items.map((i) => i.label)).toEqual(Array.from({ length: 19 }, (_, i) => String(i + 1)));
      expect(completion.items[11]!.detail).toBe('★ 产品标识有中文标明的产品名称、生产厂厂名和厂址，有认证标志等质量标志。');
      const hover = records.find((x) => x.kind === 'hover')!.value as { contents: { value: string } };
      expect(hover.contents.value.split('\n')[0]).toBe('**第2项** ★ C类指向型');
      expect(records.find((x) => x.kind === 'buffer')!.value).toBe('        条件: 通过率 < ７２％');
      const after = diagnostics[diagnostics.length - 1]!;
      expect(after.diagnostics.map((d) => [d.code, d.range])).toEqual([
        ['FL1103', { start: { line: condLine, character: 18 }, end: { line: condLine, character: 20 } }],
        ['FL1102', { start: { line: condLine, character: 20 }, end: { line: condLine, character: 21 } }],
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
