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
      if (eq > 0) flags.set(name, a.slice(eq + 1));
      else if (valued.includes(name)) {
        const v = argv[++i];
        if (v === undefined) throw new UsageError(`选项 --${name} 需要一个值 / --${name} needs a value`);
        flags.set(name, v);
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

export function flag(p: Parsed, name: string): string | undefined {
  const v = p.flags.get(name);
  return typeof v === 'string' ? v : undefined;
}

export function has(p: Parsed, name: string): boolean {
  return p.flags.has(name);
}
