// A small argument parser: positional arguments, --flag, --key value, --key=value.

export interface Parsed {
  positional: string[];
  flags: Map<string, string | true>;
}

export class UsageError extends Error {}

export function parseArgs(argv: readonly string[], valued: readonly string[]): Parsed {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
      if (eq > 0) add(flags, name, a.slice(eq + 1));
      else if (valued.includes(name)) {
        const v = argv[++i];
        if (v === undefined) throw new UsageError(`选项 --${name} 需要一个值 / --${name} needs a value`);
        add(flags, name, v);
      } else flags.set(name, true);
    } else if (a.startsWith('-') && a.length === 2 && a !== '-') {
      const alias: Record<string, string> = { h: 'help', o: 'out', f: 'format' };
      const name = alias[a[1]!] ?? a.slice(1);
      if (valued.includes(name)) {
        const v = argv[++i];
        if (v === undefined) throw new UsageError(`选项 ${a} 需要一个值 / ${a} needs a value`);
        flags.set(name, v);
      } else flags.set(name, true);
    } else positional.push(a);
  }
  return { positional, flags };
}

/** Edit distance, to suggest the option meant by a typo (--asume → --assume). */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * Refuses an option the command does not have: a mistyped option silently ignored would give
 * a result the user did not ask for. `--help` is every command's.
 */
export function checkOptions(p: Parsed, valued: readonly string[], switches: readonly string[]): void {
  const known = [...valued, ...switches, 'help'];
  for (const name of p.flags.keys()) {
    if (known.includes(name)) continue;
    const near = known.filter((k) => distance(k, name) <= Math.max(1, Math.floor(k.length / 4)));
    throw new UsageError(`未知选项 --${name}${near.length ? `，是否要用 ${near.map((k) => `--${k}`).join('、')}？` : ''} / unknown option --${name}`);
  }
}

/** A valued option given twice keeps both values (`--catalogue a.yaml --catalogue b.yaml`), read with flagList. */
function add(flags: Map<string, string | true>, name: string, v: string): void {
  const prev = flags.get(name);
  flags.set(name, typeof prev === 'string' && REPEATABLE.has(name) ? `${prev}\n${v}` : v);
}

const REPEATABLE = new Set(['catalogue']);

/** Every value of a repeatable option. */
export function flagList(p: Parsed, name: string): string[] {
  const v = p.flags.get(name);
  return typeof v === 'string' ? v.split('\n') : [];
}

export function flag(p: Parsed, name: string): string | undefined {
  const v = p.flags.get(name);
  return typeof v === 'string' ? v : undefined;
}

export function has(p: Parsed, name: string): boolean {
  return p.flags.has(name);
}
