// PDF through headless Chromium driven by playwright-core (Debian's chromium-headless-shell where
// installed, else its chromium), with a fresh profile, nothing fetched from the network, A4 and
// the CSS print layout.
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * Debian's headless shell first: the same Blink and the same print path as the desktop browser,
 * without the browser's own windows and services, so a page or a PDF costs about a third less CPU.
 */
const CHROMIUM_CANDIDATES = ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium'];

/** FENLEI_CHROMIUM if set, else the first installed candidate (the last one when none is, for the message). */
export function chromiumPath(): string {
  const chosen = process.env.FENLEI_CHROMIUM;
  if (chosen) return chosen;
  return CHROMIUM_CANDIDATES.find((exe) => existsSync(exe)) ?? CHROMIUM_CANDIDATES[CHROMIUM_CANDIDATES.length - 1]!;
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
  if (!existsSync(exe)) throw new ChromiumMissing(`找不到 Chromium：${exe}。请安装 Debian 的 chromium-headless-shell 或 chromium 软件包（apt-get install chromium-headless-shell），或用环境变量 FENLEI_CHROMIUM 指定。 Chromium not found (install Debian's chromium-headless-shell or chromium, or set FENLEI_CHROMIUM).`);
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

/** The page did not show the document it was given: nothing is printed. */
export class PdfNotPrinted extends Error {}

/** One Chromium kept open by shareChromium for every htmlToPdf until it is closed. */
let shared: ReturnType<typeof openChromium> | undefined;

/**
 * Keeps one Chromium open for the PDFs printed until the returned function is called, each on a
 * page of its own (a program printing many documents, the tests of the documents); without it
 * every PDF starts and closes its own Chromium. Given an open browser context (a test's own
 * Chromium), the PDFs are printed there and the caller closes it.
 */
export function shareChromium(context?: import('playwright-core').BrowserContext): () => Promise<void> {
  if (shared) throw new Error('shareChromium: a shared Chromium is already open');
  const opening = context ? Promise.resolve({ context, close: async () => {} }) : openChromium();
  shared = opening;
  return async () => {
    shared = undefined;
    await (await opening).close();
  };
}

/**
 * Prints an HTML document to PDF bytes (A4, backgrounds, the document's own margins). Before
 * printing, the page must still be the document (no navigation) with its content on screen
 * (both 第十三条 notices laid out and visible): a page that went blank or elsewhere is never
 * printed as if it were the document.
 */
export async function htmlToPdf(html: string): Promise<Buffer> {
  if (shared) {
    const page = await (await shared).context.newPage();
    try {
      return await printPage(page, html);
    } finally {
      await page.close();
    }
  }
  const { context, close } = await openChromium();
  try {
    return await printPage(context.pages()[0] ?? (await context.newPage()), html);
  } finally {
    await close();
  }
}

async function printPage(page: import('playwright-core').Page, html: string): Promise<Buffer> {
  await page.setContent(html, { waitUntil: 'load' });
  await page.emulateMedia({ media: 'print' });
  const notices = page.locator('main > .notice');
  const count = await notices.count();
  const visible = count === 2 && (await page.locator('main').isVisible()) && (await notices.first().isVisible()) && (await notices.last().isVisible());
  if (page.url() !== 'about:blank') throw new PdfNotPrinted('文档在打印前跳转到了别处，未生成 PDF。 The document navigated away before printing; no PDF written.');
  if (!visible) throw new PdfNotPrinted('文档内容没有正常显示（正文或第十三条提示被隐藏），未生成 PDF。 The document did not render its content; no PDF written.');
  return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
}
