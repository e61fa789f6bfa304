import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Two projects: `unit` is the edit loop (npm run test:unit: in-process tests and small CLI runs);
// `e2e` starts browsers, editors, LibreOffice, database servers, installs the package or pushes
// large registers through the CLI.
const E2E = ['test/e2e/**/*.test.ts', 'test/lsp/neovim.test.ts', 'test/lsp/vsix.test.ts', 'test/cli/documents.test.ts', 'test/cli/hostile-documents.test.ts', 'test/cli/streaming.test.ts', 'test/cli/io/parallel-csv.test.ts', 'test/cli/spreadsheet-programs.test.ts', 'test/cli/printed-pages.test.ts', 'test/server/**/*.test.ts', 'test/fuzz/**/*.test.ts'];

// Vitest's default is one worker per core but one: a single worker on a 2-core machine, which
// then idles while a test waits for a child process (the CLI, Chromium, Neovim, PostgreSQL).
// Test files are independent (each writes under its own temporary folder, servers take free
// ports), so they run one more than there are cores at a time. FENLEI_TEST_WORKERS overrides.
const workers = Number(process.env.FENLEI_TEST_WORKERS) || availableParallelism() + 1;

export default defineConfig({
  test: {
    testTimeout: 60_000,
    // Starting a language server, PostgreSQL or Chromium on a busy machine can take more than the default 10 s.
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: workers,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: E2E } },
      { extends: true, test: { name: 'e2e', include: E2E } },
    ],
  },
});
