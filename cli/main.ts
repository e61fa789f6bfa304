// The `fenlei` process: runs the command line (cli/run.ts) with the process's streams and exit code.
import { EXIT } from './exit-codes.js';
import { run } from './run.js';

// `fenlei check … | head` closes the pipe early: stop quietly, as other command-line tools do.
// Standard output redirected to a file on a full disk: say so, and exit 2 (not a stack trace).
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? EXIT.OK);
  const why = e.code === 'ENOSPC' ? '磁盘已满' : e.code === 'EDQUOT' ? '超出磁盘配额' : e.message;
  process.stderr.write(`错误：写入标准输出失败：${why}（${e.code ?? ''}），输出不完整。/ writing standard output failed (${e.code ?? e.message}); the output is incomplete\n`);
  process.exit(EXIT.USAGE);
});

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`fenlei 内部错误：${String(e)}\n`);
    process.exitCode = EXIT.INTERNAL;
  },
);
