// FL3001 / FL3009 (compiler/checks/items-kept.ts): in a complete checklist (继承国家项目: false)
// every national item is kept or refined, and there are not fewer items (通用规则备注（三）).
import { describe, expect, it } from 'vitest';
import { at, compileProvince, DIRECTIVE_IDS, NATIONAL_IDS, spots, type Spot } from '../helpers.js';

const item = (id: string, extra = ''): string => {
  const star = DIRECTIVE_IDS.includes(id.split('.')[0]!) ? ', 指向型: true' : '';
  return `  - { 编号: "${id}", 内容: 项目${id}, 答案: 发现问题/未发现问题${star}${extra} }\n`;
};
/** 继承国家项目: false on line 7, 项目: on line 8, the items from line 9. */
const checklist = (items: string[]) => `继承国家项目: false\n项目:\n${items.join('')}`;
const restate = (ids: string[]) => ids.map((id) => item(id));

describe('FL3001 national item neither kept nor refined, FL3009 fewer items', () => {
  const invalid: [string, string, Spot[]][] = [
    ['item 19 left out', checklist(restate(NATIONAL_IDS.slice(0, 18))), [at('FL3001', 7, 1, 7, 7), at('FL3009', 8, 1, 8, 3)]],
    ['item 19 replaced by a supplementary item (count kept, item lost)', checklist([...restate(NATIONAL_IDS.slice(0, 18)), `  - { 编号: S1, 内容: 补充, 答案: 符合/不符合 }\n`]), [at('FL3001', 7, 1, 7, 7)]],
    ['sub-ids of 19 that do not say 细化 are supplementary', checklist([...restate(NATIONAL_IDS.slice(0, 18)), item('19.1'), item('19.2')]), [at('FL3001', 7, 1, 7, 7)]],
    ['items 3 and 4 merged into one refinement of 3', checklist([...restate(NATIONAL_IDS.filter((i) => i !== '3' && i !== '4')), item('3.1', ', 细化: "3"')]), [at('FL3001', 7, 1, 7, 7), at('FL3009', 8, 1, 8, 3)]],
    ['only item 1 listed', checklist([item('1')]), [...NATIONAL_IDS.slice(1).map(() => at('FL3001', 7, 1, 7, 7)), at('FL3009', 8, 1, 8, 3)]],
  ];
  it.each(invalid)('%s', (_name, body, expected) => {
    expect(spots(compileProvince(body))).toEqual(expected);
  });

  it('names the missing item in the message', () => {
    const r = compileProvince(checklist(restate(NATIONAL_IDS.slice(0, 18))));
    expect(r.diagnostics.map((d) => d.message)).toEqual([
      '国家项目“19”既未保留也未细化（通用规则备注（三）：评定项目不得少于通用规则）',
      '评定项目 18 个，少于国家规则的 19 个（通用规则备注（三））',
    ]);
    expect(r.ok).toBe(false);
  });

  const valid: [string, string][] = [
    ['all 19 restated', checklist(restate(NATIONAL_IDS))],
    ['19 refined into two sub-items', checklist([...restate(NATIONAL_IDS.slice(0, 18)), item('19.1', ', 细化: "19"'), item('19.2', ', 细化: "19"')])],
    ['all 19 plus a supplementary item', checklist([...restate(NATIONAL_IDS), `  - { 编号: S1, 内容: 补充, 答案: 符合/不符合 }\n`])],
    ['inherited items (default)', `项目:\n  - { 编号: S1, 内容: 补充, 答案: 符合/不符合 }\n`],
    ['继承国家项目: true and no items', '继承国家项目: true\n'],
  ];
  it.each(valid)('no diagnostic: %s', (_name, body) => {
    const r = compileProvince(body);
    expect(spots(r)).toEqual([]);
    expect(r.ok).toBe(true);
  });
});
