// `npm test`: build, then run every test while linting, all from one TypeScript program. The build's
// program (its type check already done) is handed to ESLint's type-aware rules, which would otherwise make
// a second program over the same files: on a fresh clone that was about 30 s of CPU beside the tests.
// A type error stops before the tests; lint problems are printed among the tests' output and make the
// exit code non-zero. Arguments go to vitest (`npm test -- test/cli`).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { bundle, compile, program, ROOT } from './build.mjs';

const built = compile();
if (!built.ok) process.exit(2);
await bundle();

const vitest = spawn(process.execPath, [join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'), 'run', ...process.argv.slice(2)], { cwd: ROOT, stdio: 'inherit' });
const tests = new Promise((resolve) => vitest.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));

// A lint that cannot run (a .ts file in no program, a broken configuration) is a failure of the run, not a crash
// that would leave the tests running on their own.
const lintOk = await lint(built.program).catch((e) => {
  process.stderr.write(`代码检查未能运行 / the lint could not run: ${e instanceof Error ? e.message : String(e)}\n`);
  return false;
});
const testCode = await tests;
process.exit(testCode !== 0 ? testCode : lintOk ? 0 : 1);

async function lint(main) {
  const programs = [main, program(join(ROOT, 'editors', 'vscode', 'tsconfig.json'))].filter(Boolean);
  // ESLint's cache hashes the configuration as JSON: the programs count as their name.
  programs.toJSON = () => 'programs of scripts/test.mjs';
  const eslint = new ESLint({
    cwd: ROOT,
    cache: true,
    cacheLocation: join(ROOT, '.cache', 'eslint') + '/',
    cacheStrategy: 'content',
    overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parserOptions: { projectService: false, programs } } }],
  });
  const results = await eslint.lintFiles(['.']);
  const text = await (await eslint.loadFormatter('stylish')).format(results);
  if (text) process.stdout.write(text + '\n');
  return results.every((r) => r.errorCount === 0);
}
