// FL3007 / FL3008 (compiler/checks/catalogue.ts): national triggers stay triggers (第二十一条),
// no product's risk level is lowered (第二十条).
import { describe, expect, it } from 'vitest';
import { at, compileProvince, spots, type Spot } from '../helpers.js';

describe('FL3007 national trigger dropped', () => {
  it.each([
    ['抽查不合格 降级: false', `事件类型:\n  - 名称: 抽查不合格\n    降级: false\n`, [at('FL3007', 9, 9, 9, 14)]],
    ['行政处罚 降级: 否 (flow)', `事件类型:\n  - { 名称: 行政处罚, 依据: 本省, 降级: 否 }\n`, [at('FL3007', 8, 29, 8, 30)]],
  ] as [string, string, Spot[]][])('%s', (_n, body, expected) => {
    const r = compileProvince(body);
    expect(spots(r)).toEqual(expected);
    expect(r.ok).toBe(false);
  });
  it('names the trigger', () => {
    expect(compileProvince(`事件类型:\n  - 名称: 抽查不合格\n    降级: false\n`).diagnostics.map((d) => d.message)).toEqual(['国家规则的降级情形“抽查不合格”不能取消（第二十一条）']);
  });
  it.each([
    ['拒绝抽查 made a trigger (stricter)', `事件类型:\n  - { 名称: 拒绝抽查, 降级: true }\n`],
    ['trigger restated with a provincial article', `事件类型:\n  - { 名称: 抽查不合格, 依据: 本省细则第九条 }\n`],
    ['new provincial non-trigger event', `事件类型:\n  - { 名称: 约谈, 英文: talk, 降级: false }\n`],
  ])('no diagnostic: %s', (_n, body) => {
    expect(spots(compileProvince(body))).toEqual([]);
  });
});

describe('FL3008 product risk level lowered', () => {
  it.each([
    ['电线电缆 Ⅰ级 → Ⅱ级', `产品目录:\n  - { 名称: 电线电缆, 风险等级: Ⅱ级 }\n`, [at('FL3008', 8, 23, 8, 25)]],
    ['水泥 Ⅱ级 → Ⅲ级 (block style)', `产品目录:\n  - 名称: 水泥\n    风险等级: Ⅲ级\n`, [at('FL3008', 9, 11, 9, 13)]],
  ] as [string, string, Spot[]][])('%s', (_n, body, expected) => {
    expect(spots(compileProvince(body))).toEqual(expected);
  });
  it('names product and both levels', () => {
    expect(compileProvince(`产品目录:\n  - { 名称: 电线电缆, 风险等级: Ⅱ级 }\n`).diagnostics.map((d) => d.message)).toEqual(['产品“电线电缆”的风险等级 Ⅱ级 低于国家目录的 Ⅰ级（第二十条：只能增加Ⅰ级、Ⅱ级）']);
  });
  it.each([
    ['水泥 Ⅱ级 → Ⅰ级 (raised)', `产品目录:\n  - { 名称: 水泥, 风险等级: Ⅰ级 }\n`],
    ['a new local Ⅰ级 product', `产品目录:\n  - { 名称: 锂电池, 风险等级: Ⅰ级 }\n`],
    ['家具 Ⅲ级 restated', `产品目录:\n  - { 名称: 家具, 风险等级: Ⅲ级 }\n`],
  ])('no diagnostic: %s', (_n, body) => {
    expect(spots(compileProvince(body))).toEqual([]);
  });
});
