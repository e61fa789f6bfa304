// Which Chromium prints the PDFs: FENLEI_CHROMIUM when set, else Debian's headless shell, else its
// desktop browser; and a clear usage error, naming the packages, when none is there.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { chromiumPath } from '../../../cli/format/pdf.js';
import { fenlei, scratch, ZHEJIANG } from '../helpers.js';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('the Chromium the PDFs are printed with', () => {
  it('is the one FENLEI_CHROMIUM names', () => {
    vi.stubEnv('FENLEI_CHROMIUM', '/opt/some/chrome');
    expect(chromiumPath()).toBe('/opt/some/chrome');
  });

  it('is otherwise the headless shell when installed, else the desktop browser', () => {
    vi.stubEnv('FENLEI_CHROMIUM', '');
    const expected = existsSync('/usr/bin/chromium-headless-shell') ? '/usr/bin/chromium-headless-shell' : '/usr/bin/chromium';
    expect(chromiumPath()).toBe(expected);
  });

  it('missing: --pdf is refused with the packages to install, and no file is written', async () => {
    vi.stubEnv('FENLEI_CHROMIUM', '/nonexistent/chromium');
    const dir = scratch('chromium-path');
    const out = join(dir, 'rules.html');
    const r = await fenlei(['doc', ZHEJIANG, '--out', out, '--pdf']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('错误：找不到 Chromium：/nonexistent/chromium。请安装 Debian 的 chromium-headless-shell 或 chromium 软件包');
    expect(existsSync(join(dir, 'rules.pdf'))).toBe(false);
  });
});
