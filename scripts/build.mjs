// `npm run build`: the TypeScript build (tsc's type check and emit of tsconfig.build.json, incremental) and the
// one-file bundles (esbuild). `npm test` (scripts/test.mjs) calls the same two functions and lints with the
// program the build made, so that type-aware lint does not parse and type-check the project a second time.
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { build as esbuild } from 'esbuild';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** A tsconfig file read as tsc reads it (undefined when it cannot be read; the reason is printed). */
const readConfig = (configPath) => ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => report([d]) });

/** Type-checks and emits tsconfig.build.json as `tsc -p` does; the program, and whether it had errors (printed). */
export function compile(configPath = join(ROOT, 'tsconfig.build.json')) {
  const config = readConfig(configPath);
  if (!config) return { program: undefined, ok: false };
  const builder = ts.createIncrementalProgram({ rootNames: config.fileNames, options: config.options, projectReferences: config.projectReferences, configFileParsingDiagnostics: config.errors });
  // As tsc: the diagnostics first, then the emit, which writes them into the .tsbuildinfo (emitting first
  // left them out, and every later build checked every file again).
  const checked = [
    ...builder.getConfigFileParsingDiagnostics(),
    ...builder.getOptionsDiagnostics(),
    ...builder.getGlobalDiagnostics(),
    ...builder.getSyntacticDiagnostics(),
    ...builder.getSemanticDiagnostics(),
  ];
  const emitted = config.options.noEmit ? undefined : builder.emit();
  const diagnostics = ts.sortAndDeduplicateDiagnostics([...checked, ...(emitted?.diagnostics ?? [])]);
  report(diagnostics);
  return { program: builder.getProgram(), ok: !diagnostics.some((d) => d.category === ts.DiagnosticCategory.Error) };
}

/** A program over another tsconfig, without emitting (the VS Code extension's sources, for the lint). */
export function program(configPath) {
  const config = readConfig(configPath);
  return config ? ts.createProgram({ rootNames: config.fileNames, options: config.options }) : undefined;
}

function report(diagnostics) {
  if (diagnostics.length === 0) return;
  const host = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => ROOT, getNewLine: () => '\n' };
  const format = process.stdout.isTTY ? ts.formatDiagnosticsWithColorAndContext : ts.formatDiagnostics;
  process.stdout.write(format(diagnostics, host) + '\n');
}

/** Lets CommonJS dependencies require() Node's built-ins inside an ES module bundle (here and in the VS Code extension's build). */
export const REQUIRE_BANNER = "import { createRequire as __fenleiRequire } from 'node:module'; const require = __fenleiRequire(import.meta.url);";

/**
 * The CLI and what it starts, each one file under dist/ (a process or thread then loads one file, in
 * about a third of the CPU time of the per-file build and its dependencies' hundreds of files).
 * Left outside: packages that load files of their own (PGlite's WebAssembly, exceljs, Playwright,
 * Prettier's plugins) or that are large and used by one command (Fastify, pg, iconv-lite).
 */
export async function bundle() {
  await esbuild({
    entryPoints: {
      fenlei: 'cli/main.ts',
      lsp: 'cli/commands/lsp.ts',
      serve: 'cli/commands/serve.ts',
      user: 'cli/commands/user.ts',
      'eval-worker': 'cli/io/eval-worker.ts',
      'verify-worker': 'lsp/verify-worker.ts',
    },
    absWorkingDir: ROOT,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outdir: 'dist',
    outExtension: { '.js': '.mjs' },
    logLevel: 'warning',
    external: ['exceljs', 'playwright-core', 'prettier', 'iconv-lite', 'fastify', '@electric-sql/pglite', 'pg'],
    banner: { js: REQUIRE_BANNER },
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { ok } = compile();
  if (!ok) process.exit(2);
  await bundle();
}
