// Rule test files (compiler/testing/run-tests.ts): `其余项目: 通过` answers only the items that
// apply to the case's record, and the test file is read by the rule files' YAML front end
// (a duplicate key is FL0003 with its line and column, in Chinese).
import { describe, expect, it } from 'vitest';
import { Program } from '../../../compiler/program.js';
import { runTestFile } from '../../../compiler/testing/run-tests.js';
import { HEADER, MemoryHost, VDIR, vpath } from '../helpers.js';

// 补1 applies only to enterprises above designated size (规模以上).
const RULES = `${HEADER}企业信息:
  - 名称: 规模以上
    类型: 布尔
    默认: false
项目:
  - 编号: 补1
    内容: 建立风险自查制度
    答案: 发现问题/未发现问题
    不适用条件: 非 规模以上
分类:
  A:
    全部条件:
      - 名称: 通过率
        条件: 通过率 >= 95%
`;
const DEFAULTS = `规则: rules.yaml
默认记录:
  enterprise: { name: 测试企业, region: "330100", products: [纺织服装] }
  inspection: { date: "2026-03-01", form: 定期监督检查, riskLevel: Ⅲ级 }
`;

function run(testText: string) {
  const host = new MemoryHost({ 'rules.yaml': RULES, 't.test.yaml': testText });
  return runTestFile(vpath('t.test.yaml'), new Program(host, VDIR), host);
}

describe('其余项目: 通过', () => {
  it.each([
    // name, facts, expected answered, passed
    ['a small firm: 补1 does not apply, is left unanswered, no FL5102', '{ 规模以上: false }', 19],
    ['a firm above designated size: 补1 applies and is answered', '{ 规模以上: true }', 20],
  ])('%s', (_name, facts, answered) => {
    const r = run(`${DEFAULTS}用例:
  - 名称: 全部通过
    其余项目: 通过
    记录: { id: c1, enterprise: { facts: ${facts} } }
    预期:
      answered: ${answered}
      passed: ${answered}
      warnings: []
`);
    expect(r.problem).toBeUndefined();
    expect(r.cases.map((c) => [c.ok, c.differences])).toEqual([[true, []]]);
  });

  it('an answer the case writes itself is kept, even where the item does not apply (then FL5102 is right)', () => {
    const r = run(`${DEFAULTS}用例:
  - 名称: 写了不适用项目的答案
    其余项目: 通过
    记录: { id: c2, inspection: { answers: { 补1: 未发现问题 } } }
    预期:
      answered: 19
      warnings: [FL5102]
`);
    expect(r.cases.map((c) => [c.ok, c.differences])).toEqual([[true, []]]);
  });
});

describe('the test file through the rule files’ YAML front end', () => {
  it.each([
    ['a duplicate key', `${DEFAULTS}用例:\n  - 名称: 甲\n    名称: 乙\n    预期: {}\n`, ['FL0003 7:5 重复的键“名称”']],
    ['a full-width colon and a tab', `${DEFAULTS}用例：\n\t- 名称: 甲\n`, ['FL0008 5:3 这里的冒号是全角“：”，YAML 的键后须用半角冒号“:”加空格', 'FL0007 6:1 YAML 缩进不能使用制表符（Tab），请改用空格']],
  ])('%s', (_name, text, expected) => {
    const r = run(text);
    expect(r.problem).toBe('测试文件有 YAML 错误 / the test file has YAML errors');
    expect(r.diagnostics.map((d) => `${d.code} ${d.range.start.line + 1}:${d.range.start.column + 1} ${d.message}`)).toEqual(expected);
    expect(r.diagnostics.every((d) => d.file.endsWith('t.test.yaml'))).toBe(true);
  });
});
