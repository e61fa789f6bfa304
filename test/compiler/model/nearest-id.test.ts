// The nearest item id of a misspelt reference (compiler/model/nearest-id.ts): in the message of
// FL2002, FL2004 and FL2017 and as the quick fix, never applied by `check --fix` unless it only
// turns full-width digits into ASCII.
import { describe, expect, it } from 'vitest';
import { nearestId } from '../../../compiler/model/nearest-id.js';
import { applyEdits, compileProvince, province } from '../helpers.js';

const NATIONAL = Array.from({ length: 19 }, (_, i) => String(i + 1));

describe('nearestId', () => {
  it.each([
    ['l2', NATIONAL, '12'],
    ['I9', NATIONAL, '19'],
    ['12.', NATIONAL, '12'],
    ['１２', NATIONAL, '12'],
    ['#12', NATIONAL, '12'],
    ['第12项', NATIONAL, '12'],
    ['31', [...NATIONAL, '3.1', '3.2'], '3.1'],
    ['补l', [...NATIONAL, '补1', '补2'], '补1'],
  ])('%s → %s', (written, ids, expected) => {
    expect(nearestId(written, ids)).toBe(expected);
  });
  it.each([
    ['31', NATIONAL, 'as near to 3, 1, 11, 13 …: no guess'],
    ['x', NATIONAL, 'nothing near'],
    ['补3', [...NATIONAL, '补1', '补2'], 'two as near'],
  ])('%s: none (%s)', (written, ids) => {
    expect(nearestId(written, ids as string[])).toBeUndefined();
  });
});

describe('the suggestion in the diagnostic and its quick fix', () => {
  const REFINE = (id: string) => `项目:\n  - 编号: "6.1"\n    细化: ${id}\n    内容: 进货验收\n    答案: 发现问题/未发现问题\n  - 编号: "6.2"\n    细化: "6"\n    内容: 出厂检验\n    答案: 发现问题/未发现问题\n`;
  it.each([
    // name, body, code, line:col, message, fix text, safe, body after the fix
    ['refining “6.”', REFINE('"6."'), 'FL2002', '9:9', '细化的国家项目“6.”不存在，是否应为“6”？', '"6"', false, REFINE('"6"')],
    ['refining full-width ６', REFINE('"６"'), 'FL2002', '9:9', '细化的国家项目“６”不存在，是否应为“6”？', '"6"', true, REFINE('"6"')],
    ['adjusting l2', '调整:\n  - 项目: l2\n    指向型: true\n', 'FL2017', '8:9', '调整的国家项目“l2”不存在，是否应为“12”？', '"12"', false, '调整:\n  - 项目: "12"\n    指向型: true\n'],
    ['a group listing 12.', '分组:\n  - 名称: 基础\n    项目: ["3", "12."]\n', 'FL2004', '9:15', '项目“12.”不存在，是否应为“12”？', '"12"', false, '分组:\n  - 名称: 基础\n    项目: ["3", "12"]\n'],
    [
      'a condition naming #l2',
      '分类:\n  C:\n    任一条件:\n      - 名称: 甲\n        条件: "非 全部通过(#l2)"\n',
      'FL2004', '11:21', '项目“l2”不存在，是否应为“12”？', '#12', false,
      '分类:\n  C:\n    任一条件:\n      - 名称: 甲\n        条件: "非 全部通过(#12)"\n',
    ],
  ])('%s', (_name, body, code, place, message, newText, safe, after) => {
    const r = compileProvince(body);
    const d = r.diagnostics.find((x) => x.code === code)!;
    expect(`${d.range.start.line + 1}:${d.range.start.column + 1}`).toBe(place);
    expect(d.message).toBe(message);
    const fix = d.fixes!.find((f) => f.title.startsWith('改为“'))!;
    expect(fix.edits.map((e) => e.newText)).toEqual([newText]);
    expect(!!fix.safe).toBe(safe);
    expect(applyEdits(province(body), fix.edits)).toBe(province(after));
    expect(compileProvince(after).diagnostics.filter((x) => x.code === code)).toEqual([]);
  });
});
