// A province built to be slow for the verifier: twenty number facts, each making its own
// supplementary item not applicable past its own constant (指标k >= k). No two facts are
// interchangeable and no condition settles another's, so the checklists that can occur are truly
// 2^20 different ones, beyond any time limit a test uses. Used to test that the time limit holds.
export function slowProvince(facts = 20): string {
  const decl = Array.from({ length: facts }, (_, i) => `  - { 名称: 指标${i + 1}, 类型: 数值, 默认: 0 }\n`).join('');
  const items = Array.from({ length: facts }, (_, i) => `  - { 编号: 补${i + 1}, 内容: 补充项目${i + 1}, 答案: 发现问题/未发现问题, 不适用条件: "指标${i + 1} >= ${i + 1}" }\n`).join('');
  return `元数据:\n  名称: 慢速细则\n  地区: 测试省\n  版本: "1"\n  生效日期: 2026-01-01\n  基于: national\n企业信息:\n${decl}项目:\n${items}`;
}
