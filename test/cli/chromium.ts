// One headless Chromium per test worker process, and a fresh browser context of it for each test
// file that looks at printed documents or web pages. Vitest runs file after file in a worker
// (isolation is off, vitest.config.ts), so the worker starts Chromium once, not once per file
// (a start and stop cost about 3 s of CPU); each file's context has its own cookies, storage and
// cache. Playwright stops the browser when the worker process ends.
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../cli/format/pdf.js';
import { CHROMIUM } from './helpers.js';

let running: Promise<Browser> | undefined;

/** The worker's Chromium, started on first use (again if it was closed or crashed). */
export function workerChromium(): Promise<Browser> {
  if (!running) {
    const starting = chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
    running = starting;
    // A browser that failed to start, closed or crashed is started afresh by the next file.
    const forget = () => {
      if (running === starting) running = undefined;
    };
    starting.then((b) => b.on('disconnected', forget), forget);
  }
  return running;
}

export interface HeadlessChromium {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** A fresh context of the worker's Chromium and its first page. `offline`: a document must show whole without the network. */
export async function openChromium(options: BrowserContextOptions = {}): Promise<HeadlessChromium> {
  const context = await (await workerChromium()).newContext(options);
  try {
    return { context, page: await context.newPage(), close: () => context.close() };
  } catch (e) {
    await context.close();
    throw e;
  }
}
