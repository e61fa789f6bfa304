// Exit codes of every fenlei command (documented in docs/cli.md).
export const EXIT = {
  OK: 0,
  /** Rule files have errors, or rule tests failed. */
  RULES: 1,
  /** Bad command line, or an input file that cannot be read. */
  USAGE: 2,
  /** eval --fail-on-error: some records were errors. */
  RECORDS: 3,
  /** Interrupted by SIGINT (Ctrl+C): 128 + 2, as shells report it. */
  SIGINT: 130,
  /** Stopped by SIGTERM: 128 + 15. */
  SIGTERM: 143,
  /** A bug in fenlei itself. */
  INTERNAL: 70,
} as const;
