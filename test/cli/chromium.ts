// One headless Chromium for the tests that look at printed documents: a fresh profile, its
// first page, and a close() that also removes the profile.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../cli/format/pdf.js';
import { CHROMIUM } from './helpers.js';

export interface HeadlessChromium {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** `offline`: a document must show whole without the network (nothing it loads from elsewhere). */
export async function openChromium(options: { viewport?: { width: number; height: number }; offline?: boolean } = {}): Promise<HeadlessChromium> {
  const profile = mkdtempSync(join(tmpdir(), 'fenlei-test-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, ...options });
  } catch (e) {
    rmSync(profile, { recursive: true, force: true });
    throw e;
  }
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
