// PDF through headless Chromium: Debian's /usr/bin/chromium driven by playwright-core,
// with a fresh profile, nothing fetched from the network, A4 and the CSS print layout.
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function chromiumPath(): string {
  return process.env.FENLEI_CHROMIUM ?? '/usr/bin/chromium';
}

export class ChromiumMissing extends Error {}

type Pw = typeof import('playwright-core');

async function playwright(): Promise<Pw> {
  try {
    return await import('playwright-core');
  } catch {
    throw new ChromiumMissing('生成 PDF 需要 playwright-core 软件包（npm install playwright-core）。 PDF output needs playwright-core.');
  }
}

/** A persistent browser context on a fresh user-data-dir; close() removes the dir. */
export async function openChromium(): Promise<{ context: import('playwright-core').BrowserContext; close: () => Promise<void> }> {
  const exe = chromiumPath();
  if (!existsSync(exe)) throw new ChromiumMissing(`找不到 Chromium：${exe}。请安装 Debian 的 chromium 软件包（apt-get install chromium），或用环境变量 FENLEI_CHROMIUM 指定。 Chromium not found.`);
  const pw = await playwright();
  const dir = mkdtempSync(join(tmpdir(), 'fenlei-chromium-'));
  const context = await pw.chromium.launchPersistentContext(dir, { executablePath: exe, headless: true, args: CHROMIUM_ARGS, offline: true });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Prints an HTML document to a PDF file (A4, backgrounds, the document's own margins). */
export async function htmlToPdf(html: string, outPath: string): Promise<void> {
  const { context, close } = await openChromium();
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.setContent(html, { waitUntil: 'load' });
    await page.pdf({ path: outPath, format: 'A4', printBackground: true, preferCSSPageSize: true });
  } finally {
    await close();
  }
}
