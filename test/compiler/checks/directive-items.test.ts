// FL3002 / FL3012 (compiler/checks/directive-items.ts): sub-items of a ★ item are ★, and a
// national ★ item keeps its ★ (通用规则备注（二）).
import { describe, expect, it } from 'vitest';
import { applyEdits, at, compileProvince, compileText, DIRECTIVE_IDS, NATIONAL_IDS, province, spots, type Spot } from '../helpers.js';

describe('FL3002 sub-item of a ★ item not ★', () => {
  const invalid: [string, string, Spot[]][] = [
    ['sub-item of ★1 without 指向型', `项目:\n  - 编号: "1.1"\n    细化: "1"\n    内容: 营业执照在有效期内\n    答案: 发现问题/未发现问题\n`, [at('FL3002', 8, 9, 8, 14)]],
    ['sub-item of ★12 with 指向型: false', `项目:\n  - 编号: "12.1"\n    细化: "12"\n    内容: 中文标识\n    答案: 发现问题/未发现问题\n    指向型: false\n`, [at('FL3002', 8, 9, 8, 15)]],
    ['one of two sub-items of ★17 (flow style)', `项目:\n  - { 编号: "17.1", 细化: "17", 内容: 按期提交, 答案: 符合/不符合, 指向型: true }\n  - { 编号: "17.2", 细化: "17", 内容: 内容真实, 答案: 符合/不符合 }\n`, [at('FL3002', 9, 11, 9, 17)]],
    ['an unquoted id (FL2026 aside) still points at the id', `项目:\n  - 编号: 补1\n    细化: "2"\n    内容: 许可证\n    答案: 发现问题/未发现问题\n`, [at('FL3002', 8, 9, 8, 11)]],
  ];
  it.each(invalid)('%s', (_name, body, expected) => {
    expect(spots(compileProvince(body))).toEqual(expected);
  });

  it('names the sub-item and its ★ parent', () => {
    const r = compileProvince(invalid[1]![1]);
    expect(r.diagnostics[0]!.message).toBe('国家项目“12”是C类指向型（★），其细化子项目“12.1”也必须是指向型');
    expect(r.diagnostics[0]!.severity).toBe('error');
  });

  it('quick fix inserts 指向型: true under the id when the key is missing', () => {
    const text = province(`项目:\n  - 编号: "1.1"\n    细化: "1"\n    内容: 营业执照在有效期内\n    答案: 发现问题/未发现问题\n`);
    const d = compileText(text).diagnostics[0]!;
    expect(d.fixes?.map((f) => f.title)).toEqual(['设为指向型（★）']);
    const fixed = applyEdits(text, d.fixes![0]!.edits);
    expect(fixed).toBe(province(`项目:\n  - 编号: "1.1"\n    指向型: true\n    细化: "1"\n    内容: 营业执照在有效期内\n    答案: 发现问题/未发现问题\n`));
    expect(spots(compileText(fixed))).toEqual([]);
  });

  it('quick fix replaces 指向型: false by true', () => {
    const text = province(`项目:\n  - 编号: "12.1"\n    细化: "12"\n    内容: 中文标识\n    答案: 发现问题/未发现问题\n    指向型: false\n`);
    const d = compileText(text).diagnostics[0]!;
    const fixed = applyEdits(text, d.fixes![0]!.edits);
    expect(fixed).toBe(province(`项目:\n  - 编号: "12.1"\n    细化: "12"\n    内容: 中文标识\n    答案: 发现问题/未发现问题\n    指向型: true\n`));
    expect(spots(compileText(fixed))).toEqual([]);
  });

  it('quick fix keeps CRLF line ends (no bare LF inserted)', () => {
    const crlf = (s: string) => s.replace(/\n/g, '\r\n');
    const text = crlf(province(`项目:\n  - 编号: "1.1"\n    细化: "1"\n    内容: 营业执照\n    答案: 发现问题/未发现问题\n`));
    const d = compileText(text).diagnostics[0]!;
    expect(spots([d])).toEqual([at('FL3002', 8, 9, 8, 14)]);
    const fixed = applyEdits(text, d.fixes![0]!.edits);
    expect(spots(compileText(fixed))).toEqual([]);
    expect(fixed).toBe(crlf(province(`项目:\n  - 编号: "1.1"\n    指向型: true\n    细化: "1"\n    内容: 营业执照\n    答案: 发现问题/未发现问题\n`)));
  });

  it('quick fix on a flow-style item gives a file that compiles clean', () => {
    const text = province(`项目:\n  - { 编号: "17.2", 细化: "17", 内容: 内容真实, 答案: 符合/不符合 }\n`);
    const d = compileText(text).diagnostics[0]!;
    expect(spots([d])).toEqual([at('FL3002', 8, 11, 8, 17)]);
    expect(spots(compileText(applyEdits(text, d.fixes![0]!.edits)))).toEqual([]);
  });

  const valid: [string, string][] = [
    ['sub-item of ★1 marked ★', `项目:\n  - { 编号: "1.1", 细化: "1", 内容: a, 答案: 发现问题/未发现问题, 指向型: true }\n`],
    ['sub-item of ordinary 3 not ★', `项目:\n  - { 编号: "3.1", 细化: "3", 内容: a, 答案: 发现问题/未发现问题 }\n`],
    ['sub-item of ordinary 3 made ★ (stricter)', `项目:\n  - { 编号: "3.1", 细化: "3", 内容: a, 答案: 发现问题/未发现问题, 指向型: true }\n`],
    ['supplementary item not ★', `项目:\n  - { 编号: S1, 内容: a, 答案: 符合/不符合 }\n`],
  ];
  it.each(valid)('no diagnostic: %s', (_name, body) => {
    expect(spots(compileProvince(body))).toEqual([]);
  });
});

describe('FL3012 national ★ item loses its ★', () => {
  const restated = (drop: string) =>
    `继承国家项目: false\n项目:\n${NATIONAL_IDS.map((id) => `  - { 编号: "${id}", 内容: 项目${id}, 答案: 发现问题/未发现问题${DIRECTIVE_IDS.includes(id) && id !== drop ? ', 指向型: true' : ''} }\n`).join('')}`;
  const invalid: [string, string, Spot[]][] = [
    ['调整 指向型: false on ★1', `调整:\n  - 项目: "1"\n    指向型: false\n`, [at('FL3012', 9, 10, 9, 15)]],
    ['调整 指向型: 否 on ★16 (flow)', `调整:\n  - { 项目: "16", 指向型: 否 }\n`, [at('FL3012', 8, 22, 8, 23)]],
    // A complete checklist restating ★1 without 指向型: reported on the restated item.
    ['★1 restated without ★', restated('1'), [at('FL3012', 9, 5, 9, 41)]],
  ];
  it.each(invalid)('%s', (_name, body, expected) => {
    expect(spots(compileProvince(body))).toEqual(expected);
  });

  it('names the item', () => {
    expect(compileProvince(invalid[0]![1]).diagnostics.map((d) => d.message)).toEqual(['国家指向型（★）项目“1”不能取消指向型']);
  });

  const valid: [string, string][] = [
    ['调整 指向型: true on ★1 (restating)', `调整:\n  - { 项目: "1", 指向型: true }\n`],
    ['调整 makes ordinary 18 ★ (stricter)', `调整:\n  - { 项目: "18", 指向型: true }\n`],
    ['complete checklist keeping every ★', restated('')],
  ];
  it.each(valid)('no diagnostic: %s', (_name, body) => {
    expect(spots(compileProvince(body))).toEqual([]);
  });
});
