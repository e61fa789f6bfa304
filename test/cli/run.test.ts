// The CLI run in-process (cli/run.ts) is the CLI as a process: two runs one after the other each
// give what a `node bin/fenlei.js` run gives, and a run leaves nothing of itself in the process.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, fenlei, REPO, scratch, TODAY, zhejiangRulesText } from './helpers.js';

describe('run(argv, streams)', () => {
  const dir = scratch('run');
  const rules = join(dir, 'rules.yaml');
  writeFileSync(rules, zhejiangRulesText(dir));
  copyFileSync(join(REPO, 'rules', 'examples', 'zhejiang', 'register.csv'), join(dir, 'register.csv'));
  const runs: [string, string[], number][] = [
    ['eval to standard output', ['eval', 'rules.yaml', 'register.csv', '--out', '-', '--format', 'jsonl', '--today', TODAY], 0],
    ['a refused output', ['eval', 'rules.yaml', 'register.csv', '--out', 'register.csv', '--today', TODAY], 2],
    ['a usage error', ['eval', 'rules.yaml'], 2],
    ['check with errors in the rules', ['check', 'broken.yaml'], 1],
  ];
  writeFileSync(join(dir, 'broken.yaml'), readFileSync(rules, 'utf8').replace('地区: 浙江省', '地区: [浙江省'));

  it.each(runs)('%s: twice in-process, each time as the process', async (_name, args, code) => {
    const process1 = cli(args, { cwd: dir });
    const cwd = process.cwd();
    const exitCode = process.exitCode;
    const listeners = ['SIGINT', 'SIGTERM'].map((s) => process.listenerCount(s));
    const inProcess = [await fenlei(args, { cwd: dir }), await fenlei(args, { cwd: dir })];
    expect(inProcess.map(({ code, stdout, stderr }) => ({ code, stdout, stderr }))).toEqual([process1, process1]);
    expect(process1.code).toBe(code);
    expect(process1.stdout + process1.stderr).not.toBe('');
    expect(process.cwd()).toBe(cwd);
    expect(process.exitCode).toBe(exitCode);
    expect(['SIGINT', 'SIGTERM'].map((s) => process.listenerCount(s))).toEqual(listeners);
  });

  it('overlapping runs (no working folder given) each write only to their own streams', async () => {
    const args = ['eval', join(dir, 'rules.yaml'), join(dir, 'register.csv'), '--out', '-', '--today', TODAY];
    const [a, b] = await Promise.all([fenlei(args), fenlei(['--help'])]);
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    expect(a.stdout).toBe((await fenlei(args)).stdout);
    expect(b.stdout).toBe((await fenlei(['--help'])).stdout);
    expect(a.stdout.split('\n')[0]).toMatch(/^\{"id":/);
    expect(b.stdout).toMatch(/^fenlei 分类/);
  });
});
