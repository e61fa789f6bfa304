// Loads generated ES modules (compiler/codegen/generate.ts) the way a user would: written to
// a file that imports the built runtime (dist/, built by `npm test` before vitest runs).
import { mkdtempSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateModule } from '../../../compiler/codegen/generate.js';
import type { Evaluator, RuleSetIR } from '../../../runtime/index.js';
import { REPO } from '../helpers.js';

export const RUNTIME_PATH = join(REPO, 'dist', 'runtime', 'index.js');
export const RUNTIME_URL = pathToFileURL(RUNTIME_PATH).href;

/** Writes the module for `ir` to a temporary .mjs file and loads it (then removes the file); its text and the loaded evaluator. */
export async function importModule(ir: RuleSetIR): Promise<{ text: string; evaluator: Evaluator; rules: RuleSetIR }> {
  if (!existsSync(RUNTIME_PATH)) throw new Error(`${RUNTIME_PATH} missing: run \`npm run build\` first (npm test does)`);
  const text = generateModule(ir, RUNTIME_URL);
  const dir = mkdtempSync(join(tmpdir(), 'fenlei-module-'));
  try {
    const file = join(dir, 'rules.mjs');
    writeFileSync(file, text, 'utf8');
    const mod = (await import(pathToFileURL(file).href)) as { default: Evaluator; evaluator: Evaluator; rules: RuleSetIR };
    return { text, evaluator: mod.default, rules: mod.rules };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The spans [start, end) of the double-quoted (JSON) string literals of generated code. */
export function stringLiteralSpans(code: string): [number, number][] {
  const spans: [number, number][] = [];
  for (let i = 0; i < code.length; i++) {
    const c = code[i];
    if (c === '/' && code[i + 1] === '/') {
      while (i < code.length && code[i] !== '\n') i++;
    } else if (c === '"') {
      const start = i++;
      while (i < code.length && code[i] !== '"') i += code[i] === '\\' ? 2 : 1;
      spans.push([start, i + 1]);
    }
  }
  return spans;
}

/** The code with every string literal and comment blanked out: what is left is program text. */
export function codeOutsideStrings(code: string): string {
  let out = '';
  let last = 0;
  for (const [s, e] of stringLiteralSpans(code)) {
    out += code.slice(last, s) + '""';
    last = e;
  }
  return (out + code.slice(last)).replace(/\/\/[^\n]*/g, '');
}
