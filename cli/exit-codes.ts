// Exit codes of every fenlei command (documented in docs/cli.md).
export const EXIT = {
  OK: 0,
  /** Rule files have errors, or rule tests failed. */
  RULES: 1,
  /** Bad command line, or an input file that cannot be read. */
  USAGE: 2,
  /** eval --fail-on-error: some records were errors. */
  RECORDS: 3,
  /** A bug in fenlei itself. */
  INTERNAL: 70,
} as const;
