// Outputs never destroy inputs or devices: every command refuses an output that is one of its
// inputs (however it is named: another path, a symbolic or hard link), the same file as another
// output, a directory or a device; “-” is standard output. The refused run exits 2 with a
// Chinese and English message and leaves every file as it was.
import { copyFileSync, linkSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkOutputs, OutputError, safeFileName } from '../../cli/io/output-paths.js';
import { fenlei, REPO, scratch, TODAY, zhejiangRulesText } from './helpers.js';

const REGISTER = join(REPO, 'rules', 'examples', 'zhejiang', 'register.csv');

/** A folder with copies of the Zhejiang rules and register (so the test may try to destroy them). */
function workspace(name: string): { dir: string; rules: string; register: string; before: () => Map<string, string> } {
  const dir = scratch(name);
  const rules = join(dir, 'rules.yaml');
  const register = join(dir, 'register.csv');
  writeFileSync(rules, zhejiangRulesText(dir));
  copyFileSync(REGISTER, register);
  const before = () => new Map(readdirSync(dir).map((f) => [f, statSync(join(dir, f)).isFile() ? readFileSync(join(dir, f), 'latin1') : 'dir']));
  return { dir, rules, register, before };
}

describe('outputs that are inputs, twice named, directories or devices', () => {
  const w = workspace('outputs');
  mkdirSync(join(w.dir, 'folder'));
  symlinkSync(w.register, join(w.dir, 'link-to-register.csv'));
  linkSync(w.rules, join(w.dir, 'hard-link-to-rules.yaml'));
  const cases: [string, string[], RegExp][] = [
    ['eval --errors <register>', ['eval', 'rules.yaml', 'register.csv', '--errors', 'register.csv'], /--errors register\.csv：这是输入文件/],
    ['eval --errors <rules>', ['eval', 'rules.yaml', 'register.csv', '--errors', './rules.yaml'], /这是输入文件 .*rules\.yaml/],
    ['eval --errors <bundled national rules, a base>', ['eval', 'rules.yaml', 'register.csv', '--out', 'o.csv', '--errors', join(REPO, 'rules', 'national', 'national.yaml')], /这是输入文件/],
    ['eval --errors <a product catalogue of the rules>', ['eval', 'rules.yaml', 'register.csv', '--errors', 'zhejiang-2024.yaml'], /--errors zhejiang-2024\.yaml：这是输入文件/],
    ['eval --out <link to the register>', ['eval', 'rules.yaml', 'register.csv', '--out', 'link-to-register.csv'], /这是输入文件/],
    ['eval --out <hard link to the rules>', ['eval', 'rules.yaml', 'register.csv', '--out', 'hard-link-to-rules.yaml'], /这是输入文件/],
    ['eval --out X --errors X', ['eval', 'rules.yaml', 'register.csv', '--out', 'x.csv', '--errors', 'x.csv'], /与 --out x\.csv 是同一个文件/],
    ['eval --out - --errors -', ['eval', 'rules.yaml', 'register.csv', '--out', '-', '--errors', '-'], /都写到标准输出/],
    ['eval --out <directory>', ['eval', 'rules.yaml', 'register.csv', '--out', 'folder'], /这是一个目录/],
    ['eval --out <device>', ['eval', 'rules.yaml', 'register.csv', '--out', '/dev/null'], /不是普通文件/],
    ['eval --out <missing folder>', ['eval', 'rules.yaml', 'register.csv', '--out', 'nowhere/o.csv'], /所在的目录不存在/],
    ['report --out <register>', ['report', 'rules.yaml', 'register.csv', '--out', 'register.csv'], /这是输入文件/],
    ['report --pdf=<rules>', ['report', 'rules.yaml', 'register.csv', '--out', 'r.html', '--pdf=rules.yaml'], /--pdf rules\.yaml：这是输入文件/],
    ['report --out X --pdf=X', ['report', 'rules.yaml', 'register.csv', '--out', 'r.html', '--pdf=r.html'], /是同一个文件/],
    ['compare --out <register>', ['compare', 'rules.yaml', 'register.csv', '--out', 'register.csv'], /这是输入文件/],
    ['explain --form --out <register>', ['explain', 'rules.yaml', 'register.csv', '--form', '--out', 'register.csv'], /这是输入文件/],
    ['doc --out <rules>', ['doc', 'rules.yaml', '--out', 'rules.yaml'], /这是输入文件/],
    ['doc --form <rules>', ['doc', 'rules.yaml', '--out', 'd.html', '--form', 'rules.yaml'], /--form rules\.yaml：这是输入文件/],
    ['doc --out X --form X', ['doc', 'rules.yaml', '--out', 'd.html', '--form', 'd.html'], /是同一个文件/],
    ['doc --out <device>', ['doc', 'rules.yaml', '--out', '/dev/null'], /不是普通文件/],
    ['template --out <rules>', ['template', 'rules.yaml', '--out', 'rules.yaml'], /这是输入文件/],
    ['template --out <directory>', ['template', 'rules.yaml', '--out', 'folder'], /这是一个目录/],
    ['verify --save-test <rules>', ['verify', 'rules.yaml', '--save-test', 'rules.yaml'], /--save-test rules\.yaml：这是输入文件/],
    ['verify --save-test <a catalogue of the rules>', ['verify', 'rules.yaml', '--save-test', 'zhejiang-2024.yaml'], /这是输入文件/],
    ['verify --save-test <device>', ['verify', 'rules.yaml', '--save-test', '/dev/null'], /不是普通文件/],
  ];
  it.each(cases)('%s: exit 2, a clear message, every file as it was', async (_name, args, message) => {
    const before = w.before();
    const r = await fenlei(['doc', 'template', 'verify'].includes(args[0]!) ? args : [...args, '--today', TODAY], { cwd: w.dir });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/\/ .*(input|same file|standard output|directory|regular file|does not exist)/);
    expect(w.before()).toEqual(before);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it('“-” is standard output: eval, explain --form and template write there and leave no file', async () => {
    const before = w.before();
    const e = await fenlei(['eval', 'rules.yaml', 'register.csv', '--out', '-', '--today', TODAY], { cwd: w.dir });
    expect(e.code, e.stderr).toBe(0);
    expect(e.stdout.trimEnd().split('\n')).toHaveLength(readFileSync(w.register, 'utf8').trimEnd().split('\n').length - 1);
    const f = await fenlei(['explain', 'rules.yaml', 'register.csv', '--form', '--out', '-', '--today', TODAY], { cwd: w.dir });
    expect(f.code, f.stderr).toBe(0);
    expect(f.stdout.startsWith('<!DOCTYPE html>')).toBe(true);
    const t = execFileSync(process.execPath, [join(REPO, 'bin', 'fenlei.js'), 'template', 'rules.yaml', '--out', '-', '--rows', '2'], { cwd: w.dir, stdio: ['ignore', 'pipe', 'ignore'] });
    expect(t.subarray(0, 2).toString()).toBe('PK');
    expect(w.before()).toEqual(before);
  });
});

describe('checkOutputs', () => {
  it('lets distinct new files through and names the option in every refusal', () => {
    const dir = scratch('check-outputs');
    const input = join(dir, 'in.csv');
    writeFileSync(input, 'x');
    expect(() => checkOutputs([{ path: join(dir, 'a.csv'), what: '--out' }, { path: join(dir, 'a.errors.csv'), what: '--errors' }, { path: '-', what: '--pdf' }], [input])).not.toThrow();
    expect(() => checkOutputs([{ path: join(dir, '.', 'in.csv'), what: '--errors' }], [input])).toThrow(OutputError);
    expect(() => checkOutputs([{ path: '', what: '--out' }], [])).toThrow('--out 的文件名为空');
  });

  it('makes default file names from rule text that stay in the folder', () => {
    expect(safeFileName('../../etc/passwd')).toBe('__.._etc_passwd');
    expect(safeFileName('浙江省')).toBe('浙江省');
    expect(safeFileName('a\u0000b<c>:d')).toBe('a_b_c__d');
    expect(safeFileName('')).toBe('_');
    expect([...safeFileName('长'.repeat(300))]).toHaveLength(80);
  });

  it('a default name from a hostile 地区 writes into the current folder only', async () => {
    const w = workspace('default-names');
    const name = `${basename(w.dir)}-escaped`;
    writeFileSync(w.rules, readFileSync(w.rules, 'utf8').replace('地区: 浙江省', `地区: "../${name}"`));
    const r = await fenlei(['doc', 'rules.yaml'], { cwd: w.dir });
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(w.dir).sort()).toEqual([`__${name}实施细则.html`, 'national-illustrative.yaml', 'register.csv', 'rules.yaml', 'zhejiang-2024.yaml']);
    expect(readdirSync(join(w.dir, '..')).filter((f) => f.startsWith(name))).toEqual([]);
  });
});
