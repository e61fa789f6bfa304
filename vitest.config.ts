import { availableParallelism } from 'node:os';
import { relative } from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { LONGEST_FIRST } from './test/longest-first.js';

// The tests fall in two groups. `unit` is the edit loop (npm run test:unit, after one `npm run
// build`): tests that run in the test's own process. `e2e` runs built programs or outside ones:
// the CLI and the language server as child processes, browsers, editors, LibreOffice, database
// servers, the package install, large registers. They are one vitest project, not two: a worker
// runs files of one project only, so with two a run interleaving them (longest first, whatever the
// group) kept retiring workers and starting new ones, each loading vitest, the compiler and the
// server again (fourteen worker processes in a run instead of three). FENLEI_TEST_SCOPE=unit or
// e2e chooses a group. Isolation is off: a worker runs file after file with the modules it has
// loaded (no test file mocks a module, changes the working folder or keeps global state; each
// writes under its own temporary folder).
const E2E = [
  'test/e2e/**/*.test.ts',
  'test/fuzz/**/*.test.ts',
  'test/server/**/*.test.ts',
  // The CLI as a child process.
  'test/cli/*.test.ts',
  'test/cli/io/parallel-csv.test.ts',
  'test/verify/time-limit.test.ts',
  // The language server as a child process, Neovim, the VS Code package.
  'test/lsp/actions.test.ts',
  'test/lsp/limits.test.ts',
  'test/lsp/neovim.test.ts',
  'test/lsp/server.test.ts',
  'test/lsp/verify-time-limit.test.ts',
  'test/lsp/vsix.test.ts',
  // The web pages: a real server, Chromium.
  'test/web/**/*.browser.test.ts',
  'test/web/pages.test.ts',
];

// Vitest's default is one worker per core but one: a single worker on a 2-core machine, which
// then idles while a test waits for a child process (the CLI, Chromium, Neovim, PostgreSQL).
// Test files are independent (each writes under its own temporary folder, servers take free
// ports), so they run one more than there are cores at a time. FENLEI_TEST_WORKERS overrides.
const workers = Number(process.env.FENLEI_TEST_WORKERS) || availableParallelism() + 1;

/**
 * Vitest's order (longest or largest first), with the files of test/longest-first.ts ahead of it:
 * started first, none is left running alone at the end.
 */
class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (f: TestSpecification): number => {
      const i = LONGEST_FIRST.indexOf(relative(this.ctx.config.root, f.moduleId).replaceAll('\\', '/'));
      return i < 0 ? LONGEST_FIRST.length : i;
    };
    const sorted = await super.sort(files);
    return sorted.map((f, i) => ({ f, i, r: rank(f) })).sort((a, b) => a.r - b.r || a.i - b.i).map(({ f }) => f);
  }
}

const scope = process.env.FENLEI_TEST_SCOPE;
if (scope !== undefined && scope !== 'unit' && scope !== 'e2e') throw new Error(`FENLEI_TEST_SCOPE 只能是 unit 或 e2e（得到 ${scope}）。FENLEI_TEST_SCOPE is unit or e2e.`);

export default defineConfig({
  test: {
    testTimeout: 120_000,
    // Guards against a hang, not bounds on speed: on a busy shared machine a stress test or the start
    // of a language server, PostgreSQL or Chromium can take much longer than on a quiet one.
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: workers,
    isolate: false,

    sequence: { sequencer: LongestFirst },
    include: scope === 'e2e' ? E2E : ['test/**/*.test.ts'],
    exclude: scope === 'unit' ? E2E : [],
    // Every test that opens a database is in `e2e`: the migrated PGlite data folder and the PostgreSQL
    // server with its template database are made once per run (test/global-setup/databases.ts).
    globalSetup: ['test/global-setup/clean-output.ts', ...(scope === 'unit' ? [] : ['test/global-setup/databases.ts'])],
  },
});
