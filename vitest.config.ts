import { defineConfig } from 'vitest/config';

// Two projects: `unit` is the edit loop (npm run test:unit: in-process tests and small CLI runs);
// `e2e` starts browsers, editors, LibreOffice, database servers, installs the package or pushes
// large registers through the CLI.
const E2E = ['test/e2e/**/*.test.ts', 'test/lsp/neovim.test.ts', 'test/lsp/vsix.test.ts', 'test/cli/documents.test.ts', 'test/cli/hostile-documents.test.ts', 'test/cli/streaming.test.ts', 'test/cli/io/parallel-csv.test.ts', 'test/cli/spreadsheet-programs.test.ts', 'test/cli/printed-pages.test.ts', 'test/server/**/*.test.ts', 'test/fuzz/**/*.test.ts', 'test/web/**/*.browser.test.ts', 'test/web/pages.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: E2E } },
      { extends: true, test: { name: 'e2e', include: E2E } },
    ],
  },
});
