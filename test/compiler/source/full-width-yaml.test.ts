// Full-width slips of the YAML structure (compiler/source/full-width-yaml.ts, load-yaml.ts): every
// one of a file reported in one run, each at its own line and column, and the safe fixes of the
// run (what `fenlei check --fix` writes) giving a file with none left.
import { describe, expect, it } from 'vitest';
import { applyEdits, safeFixes } from '../../../compiler/diagnostics/fixes.js';
import { compileText, province } from '../helpers.js';

/** code@line:col of each diagnostic, 1-based, in the order check prints them. */
const places = (text: string): string[] => compileText(text).diagnostics.map((d) => `${d.code}@${d.range.start.line + 1}:${d.range.start.column + 1}`);
const fixed = (text: string): string => {
  const r = compileText(text);
  return applyEdits(text, safeFixes(r.diagnostics, r.file).flatMap((c) => c.edits));
};

const ITEM = (methods: string, colon = ':') => `项目:\n  - 编号${colon} 补1\n    内容: 建立制度\n    答案: 发现问题/未发现问题\n    检查方式${colon} ${methods}\n`;

describe('every full-width slip of the structure in one run', () => {
  it.each([
    // name, body (lines 7…), places reported, body after the safe fixes
    ['a comma in a one-line list', ITEM('[查阅资料，现场核查]'), ['FL0012@11:16'], ITEM('[查阅资料, 现场核查]')],
    ['a colon without a space hides nothing after it', ITEM('[查阅资料，现场核查]').replace('编号: 补1', '编号：补1'), ['FL0008@8:7', 'FL0012@11:16'], ITEM('[查阅资料, 现场核查]')],
    ['the colon and the comma on one line', ITEM('[查阅资料，现场核查]', '：').replace('编号： 补1', '编号: 补1'), ['FL0008@11:9', 'FL0012@11:16'], ITEM('[查阅资料, 现场核查]')],
    ['IME brackets where only a list can stand', ITEM('【查阅资料，现场核查】'), ['FL0012@11:11', 'FL0012@11:16', 'FL0012@11:21'], ITEM('[查阅资料, 现场核查]')],
    [
      'a one-line mapping: brackets, a key colon, commas',
      '风险调整:\n  Ⅰ级: ｛ AA：责任监管， A: 常态监管， B: 加严监管, C: 加严监管 ｝\n',
      ['FL0012@8:7', 'FL0008@8:11', 'FL0012@8:16', 'FL0012@8:25', 'FL0012@8:44'],
      '风险调整:\n  Ⅰ级: { AA: 责任监管, A: 常态监管, B: 加严监管, C: 加严监管 }\n',
    ],
    [
      'a colon, then full-width punctuation in the condition after it',
      '分类:\n  A:\n    全部条件:\n      - 名称: 通过率\n        条件：通过率 >= 95％ 且 （通过率 >= 96%）\n',
      ['FL0008@11:11', 'FL1102@11:21', 'FL1102@11:25', 'FL1102@11:36'],
      '分类:\n  A:\n    全部条件:\n      - 名称: 通过率\n        条件: 通过率 >= 95% 且 (通过率 >= 96%)\n',
    ],
  ])('%s', (_name, body, expected, after) => {
    expect(places(province(body))).toEqual(expected);
    expect(fixed(province(body))).toBe(province(after));
    expect(compileText(province(after)).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it.each([
    ['a full-width comma in quoted text of a list', '适用范围:\n  不适用产品: ["食品，药品", 农产品]\n'],
    ['a full-width comma in a text field', '项目:\n  - 编号: 补1\n    内容: 建立制度，每年一次\n    答案: 发现问题/未发现问题\n'],
    ['a colon inside a value', '项目:\n  - 编号: 补1\n    内容: 说明：每年一次\n    答案: 发现问题/未发现问题\n'],
    ['【 at the start of a text field is text', '项目:\n  - 编号: 补1\n    内容: 【重点】每年一次\n    答案: 发现问题/未发现问题\n'],
  ])('left alone: %s', (_name, body) => {
    expect(places(province(body)).filter((p) => /^FL00(08|12)/.test(p))).toEqual([]);
  });

  it('after a colon repaired with an inserted space, later diagnostics keep their columns', () => {
    // 补1 is not a national id: FL2002 must point at it as typed (line 9, column 9).
    const body = '项目:\n  - 编号：补1\n    细化：l9\n    内容: 建立制度\n    答案: 发现问题/未发现问题\n';
    const r = compileText(province(body));
    expect(r.diagnostics.map((d) => `${d.code}@${d.range.start.line + 1}:${d.range.start.column + 1}-${d.range.end.column + 1}`)).toEqual(['FL0008@8:7-8', 'FL0008@9:7-8', 'FL2002@9:8-10']);
  });
});
