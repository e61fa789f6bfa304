// `fenlei check` (cli/commands/check.ts): diagnostics in file, line, column order, and `--fix`:
// the safe fixes written into the rule files given, each change listed, the file checked again.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fenlei, scratch } from '../helpers.js';

const HEADER = '元数据:\n  名称: 测试细则\n  地区: 测试省\n  版本: "1"\n  生效日期: 2026-01-01\n  基于: national\n';
/** Each printed diagnostic as `line:col code`. */
const printed = (stdout: string, file: string): string[] =>
  stdout.split('\n').filter((l) => l.startsWith(`${file}:`)).map((l) => /^[^:]+:(\d+:\d+) (FL\d{4}) ([^\s：]+)/.exec(l)!.slice(1).join(' '));

describe('fenlei check --fix', () => {
  it.each([
    {
      name: 'full-width colons, list punctuation and condition punctuation, all in one run; nothing left',
      body: '项目:\n  - 编号：补1\n    内容: 建立制度\n    答案: 发现问题/未发现问题\n    检查方式：【查阅资料，现场核查】\n分类:\n  A:\n    全部条件:\n      - 名称: 通过率\n        条件: 通过率 >= 95％ 且 通过率 >= ９６%\n',
      fixes: ['8:7 FL0008 已修正', '11:9 FL0008 已修正', '11:10 FL0012 已修正', '11:15 FL0012 已修正', '11:20 FL0012 已修正', '16:22 FL1102 已修正', '16:33 FL1103 已修正'],
      after: '项目:\n  - 编号: 补1\n    内容: 建立制度\n    答案: 发现问题/未发现问题\n    检查方式: [查阅资料, 现场核查]\n分类:\n  A:\n    全部条件:\n      - 名称: 通过率\n        条件: 通过率 >= 95% 且 通过率 >= 96%\n',
      left: ['16:13 FL3011 警告'],
      code: 0,
    },
    {
      name: 'a guess is not a slip: the misspelt id stays, its error remains, exit 1',
      body: '调整:\n  - 项目： "l2"\n    指向型: true\n',
      fixes: ['8:7 FL0008 已修正'],
      after: '调整:\n  - 项目: "l2"\n    指向型: true\n',
      left: ['8:9 FL2017 错误'],
      code: 1,
    },
  ])('$name', async ({ body, fixes, after, left, code }) => {
    const dir = scratch('check-fix');
    const file = join(dir, 'p.yaml');
    writeFileSync(file, HEADER + body);
    const r = await fenlei(['check', '--fix', 'p.yaml'], { cwd: dir });
    expect(printed(r.stdout, 'p.yaml').filter((l) => l.endsWith('已修正'))).toEqual(fixes);
    expect(readFileSync(file, 'utf8')).toBe(HEADER + after);
    expect(printed(r.stdout, 'p.yaml').filter((l) => !l.endsWith('已修正'))).toEqual(left);
    expect(r.code).toBe(code);
    // Written through a temporary file renamed over the original: none is left beside it.
    expect(readdirSync(dir)).toEqual(['p.yaml']);
  });

  it('--dry-run shows the changed lines and writes nothing', async () => {
    const dir = scratch('check-fix-dry');
    const file = join(dir, 'p.yaml');
    const text = HEADER + '动态调整:\n  调整周期月数：12\n';
    writeFileSync(file, text);
    const r = await fenlei(['check', '--fix', '--dry-run', 'p.yaml'], { cwd: dir });
    expect(r.stdout).toContain('-8:   调整周期月数：12\n+8:   调整周期月数: 12\n');
    expect(readFileSync(file, 'utf8')).toBe(text);
    expect(printed(r.stdout, 'p.yaml')).toEqual(['8:9 FL0008 可修正', '8:9 FL0008 错误']);
    expect(r.code).toBe(1);
  });

  it('--dry-run without --fix is a usage error', async () => {
    expect((await fenlei(['check', '--dry-run', 'national'])).code).toBe(2);
  });
});
