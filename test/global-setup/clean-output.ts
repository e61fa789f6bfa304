// Before a run: earlier runs' working folders under test-output/cli/ go (each test file writes a
// folder of its own there, kept for a person to look at, and otherwise piling up run after run:
// 466 MB in one checkout). Only folders older than six hours, so that a run going on beside this
// one keeps its own. Screenshots under test-output/screenshots/ stay.
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const KEEP_MS = 6 * 3600_000;

export default function cleanOutput(): void {
  const dir = join(import.meta.dirname, '..', '..', 'test-output', 'cli');
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  const now = Date.now();
  for (const name of names) {
    const path = join(dir, name);
    if (now - statSync(path).mtimeMs > KEEP_MS) rmSync(path, { recursive: true, force: true });
  }
}
