// Which test files a `fenlei test` argument stands for.
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

export function findTestFiles(target: string): string[] {
  const st = statSync(target, { throwIfNoEntry: false });
  if (!st) return [];
  if (st.isFile()) {
    if (/\.test\.ya?ml$/i.test(target)) return [target];
    // A rule file: its tests/ folder beside it.
    return findTestFiles(join(dirname(target), 'tests'));
  }
  const out: string[] = [];
  for (const name of readdirSync(target).sort()) {
    const p = join(target, name);
    if (statSync(p).isDirectory()) {
      if (name !== 'node_modules' && !name.startsWith('.')) out.push(...findTestFiles(p));
    } else if (/\.test\.ya?ml$/i.test(name)) out.push(p);
  }
  return out;
}
