// `npm run bench`: every section in turn; `node dist/bench/run.js evaluator` runs one.
// Options go to the sections as --key=value (e.g. --records=50000). Figures only, no asserts.
import { environment, heading, memory, mib, type BenchOptions, type Section } from './measure.js';

// One line per section: its name on the command line and the module that default-exports it.
const SECTIONS: Record<string, () => Promise<{ default: Section }>> = {
  evaluator: () => import('./evaluator.js'),
  register: () => import('./register.js'),
  verify: () => import('./verify.js'),
  lsp: () => import('./lsp.js'),
  pages: () => import('./pages.js'),
};

async function main(argv: string[]): Promise<void> {
  const names = argv.filter((a) => !a.startsWith('--'));
  const options: BenchOptions = {};
  for (const a of argv.filter((x) => x.startsWith('--'))) {
    const [k, v = 'true'] = a.slice(2).split('=', 2);
    options[k!] = v;
  }
  const unknown = names.filter((n) => !(n in SECTIONS));
  if (unknown.length) {
    console.error(`unknown bench section: ${unknown.join(', ')}; available: ${Object.keys(SECTIONS).join(', ')}`);
    process.exitCode = 2;
    return;
  }
  const chosen = names.length ? names : Object.keys(SECTIONS);

  console.log('fenlei benchmarks');
  for (const line of environment()) console.log(line);
  for (const name of chosen) {
    const section = (await SECTIONS[name]!()).default;
    heading(`${section.name}: ${section.title}`);
    const t0 = Date.now();
    await section.run(options);
    const m = memory();
    console.log(`\n[${section.name}] ${((Date.now() - t0) / 1000).toFixed(1)} s; RSS now ${mib(m.rss)}, peak RSS of the process so far ${mib(m.maxRss)}`);
  }
}

await main(process.argv.slice(2));
