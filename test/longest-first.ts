// The files that take longest, longest first: they start before every other file, whatever their
// project, so that none of them is left running alone at the end while the other core idles
// (vitest would otherwise run all of `e2e` before `unit`, and a fresh checkout has no timings of
// earlier runs to sort by). test/longest-first.test.ts keeps each name pointing at a test file.
export const LONGEST_FIRST = [
  // Two long files that need no database first: the run's databases are still being made (test/global-setup/databases.ts).
  'test/cli/register-outputs.test.ts',
  'test/cli/documents.test.ts',
  'test/web/roles.browser.test.ts',
  'test/web/province.browser.test.ts',
  'test/e2e/serve.test.ts',
  'test/web/county.browser.test.ts',
  // Not at the start: npm's install beside the first files and a fresh clone's first lint took 109 s there, 19 s later.
  'test/e2e/pack-install.test.ts',
  'test/cli/spreadsheet-programs.test.ts',
  'test/web/compare.browser.test.ts',
  'test/lsp/actions.test.ts',
  'test/verify/property.test.ts',
  'test/cli/hostile-documents.test.ts',
  'test/server/api.test.ts',
  'test/cli/io/parallel-csv.test.ts',
  'test/cli/streaming.test.ts',
  'test/lsp/incremental-yaml.test.ts',
  'test/server/standing.test.ts',
  'test/verify/family.test.ts',
  'test/lsp/same-as-full.test.ts',
  'test/fuzz/front-end.fuzz.test.ts',
  'test/cli/atomic-file.test.ts',
  'test/e2e/cli-commands.test.ts',
];
