// Writing outputs safely: a full disk is an error (exit 2, a clear message, no file left) on
// every write path; temporary files are created exclusively under unpredictable names, so a
// link planted at a guessable name redirects nothing; temporaries of a killed run are removed
// by the next run.
import { closeSync, copyFileSync, existsSync, openSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AtomicFile } from '../../cli/io/atomic-file.js';
import { CLI, cli, fenlei, REPO, scratch, TODAY, zhejiangRulesText } from './helpers.js';

const REGISTER = join(REPO, 'rules', 'examples', 'zhejiang', 'register.csv');

function workspace(name: string): string {
  const dir = scratch(name);
  writeFileSync(join(dir, 'rules.yaml'), zhejiangRulesText());
  copyFileSync(REGISTER, join(dir, 'register.csv'));
  return dir;
}

const INPUTS = ['register.csv', 'rules.yaml'];

describe('a full disk is an error, never a silent success', () => {
  // FENLEI_TEST_WRITE_FAULT=full sends every byte to /dev/full: the kernel's own ENOSPC, through the same code.
  const full = { FENLEI_TEST_WRITE_FAULT: 'full' };
  // The write paths run in-process (the seam is read per file); the worker threads need the built
  // CLI (from the sources no worker module is found and eval stays on one thread), so that case is a process.
  const cases: [string, string[], 'process' | 'in-process'][] = [
    ['eval → CSV with an errors file', ['eval', 'rules.yaml', 'register.csv', '--out', 'o.csv', '--errors', 'e.csv', '--today', TODAY], 'in-process'],
    ['eval → xlsx', ['eval', 'rules.yaml', 'register.csv', '--out', 'o.xlsx', '--today', TODAY], 'in-process'],
    ['eval → JSON Lines on worker threads', ['eval', 'rules.yaml', 'register.csv', '--out', 'o.jsonl', '--jobs', '2', '--today', TODAY], 'process'],
    ['report', ['report', 'rules.yaml', 'register.csv', '--out', 'r.html', '--today', TODAY], 'in-process'],
    ['doc with the blank form', ['doc', 'rules.yaml', '--out', 'd.html', '--form', 'f.html'], 'in-process'],
    ['template', ['template', 'rules.yaml', '--out', 't.xlsx', '--rows', '5'], 'in-process'],
    ['compile', ['compile', 'rules.yaml', '--out-dir', '.'], 'in-process'],
  ];
  const onFullDisk = async (args: string[], cwd: string, how: 'process' | 'in-process') => {
    if (how === 'process') return cli(args, { cwd, env: full });
    process.env.FENLEI_TEST_WRITE_FAULT = 'full';
    try {
      return await fenlei(args, { cwd });
    } finally {
      delete process.env.FENLEI_TEST_WRITE_FAULT;
    }
  };
  it.each(cases)('%s: exit 2, says the disk is full, leaves only the inputs', async (_name, args, how) => {
    const dir = workspace('full-disk');
    const r = await onFullDisk(args, dir, how);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/^错误：写入 \S+ 失败：磁盘已满（ENOSPC）。未留下不完整的文件。\/ writing \S+ failed: ENOSPC; no partial file left\n$/);
    expect(readdirSync(dir).sort()).toEqual(INPUTS);
  });

  it('standard output on a full disk: exit 2 and a message, not a stack trace', () => {
    const dir = workspace('full-stdout');
    const full = openSync('/dev/full', 'w');
    try {
      const r = spawnSync(process.execPath, [CLI, 'eval', 'rules.yaml', 'register.csv', '--today', TODAY], { cwd: dir, stdio: ['ignore', full, 'pipe'], encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toBe('错误：写入标准输出失败：磁盘已满（ENOSPC），输出不完整。/ writing standard output failed (ENOSPC); the output is incomplete\n');
    } finally {
      closeSync(full);
    }
  });

  const root = process.getuid?.() === 0;
  // A real small file system (mounting needs root; the seam above covers the same code without it).
  it.runIf(root)('on a real full tmpfs: eval and report exit 2 and leave the file system empty', async () => {
    const dir = workspace('tmpfs');
    const mnt = join(dir, 'small');
    mkdirSync(mnt);
    expect(spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=16k', 'tmpfs', mnt]).status).toBe(0);
    try {
      for (const args of [
        ['eval', 'rules.yaml', 'register.csv', '--out', 'small/o.csv', '--today', TODAY],
        ['report', 'rules.yaml', 'register.csv', '--out', 'small/r.html', '--today', TODAY],
      ]) {
        const r = await fenlei(args, { cwd: dir });
        expect(r.code, r.stderr).toBe(2);
        expect(r.stderr).toContain('磁盘已满（ENOSPC）');
        expect(readdirSync(mnt)).toEqual([]);
      }
    } finally {
      spawnSync('umount', [mnt]);
      rmdirSync(mnt);
    }
  });
});

describe('temporary files', () => {
  it('have unpredictable names beside the target, and a link planted at the old guessable name redirects nothing', () => {
    const dir = workspace('planted-link');
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'keep me');
    // Before the CLI starts, plant `<out>.partial-<pid>` (the name older versions used) as a link to the victim.
    const preload = join(dir, 'plant.mjs');
    writeFileSync(preload, `import { symlinkSync } from 'node:fs';\nfor (const out of ['o.jsonl', 'o.errors.jsonl']) symlinkSync(${JSON.stringify(victim)}, out + '.partial-' + process.pid);\n`);
    const r = spawnSync(process.execPath, ['--import', preload, CLI, 'eval', 'rules.yaml', 'register.csv', '--out', 'o.jsonl', '--today', TODAY], { cwd: dir, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(victim, 'utf8')).toBe('keep me');
    expect(lstatSync(join(dir, 'o.jsonl')).isFile()).toBe(true);
    expect(readFileSync(join(dir, 'o.jsonl'), 'utf8').trimEnd().split('\n')).toHaveLength(readFileSync(REGISTER, 'utf8').trimEnd().split('\n').length - 1);

    const a = new AtomicFile(join(dir, 'x.csv'));
    const b = new AtomicFile(join(dir, 'x.csv'));
    expect(a.temp).toMatch(new RegExp(`x\\.csv\\.partial-${process.pid}-[0-9a-f]{16}$`));
    expect(a.temp).not.toBe(b.temp);
    a.abort();
    b.abort();
    expect(existsSync(a.temp) || existsSync(b.temp)).toBe(false);
  });

  it('left by a killed run are removed by the next run; those of a live process and of other files are kept', async () => {
    const dir = workspace('leftovers');
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    const stale = [`o.csv.partial-${dead}`, `o.csv.partial-${dead}-0123456789abcdef`];
    const kept = [`o.csv.partial-${process.pid}-00000000000000aa`, `other.csv.partial-${dead}`];
    for (const f of [...stale, ...kept]) writeFileSync(join(dir, f), 'half');
    // In-process: the live process whose temporaries must stay is the one running eval here.
    const r = await fenlei(['eval', 'rules.yaml', 'register.csv', '--out', 'o.csv', '--today', TODAY], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(dir).sort()).toEqual([...INPUTS, 'o.csv', ...kept].sort());
  });
});
