// A province built to be slow for the verifier: twenty number facts, each compared with its own
// constant in one C condition, so that no two facts are interchangeable and the verifier has
// 3^20 assignments to tell apart. Used to test that the time limit holds.
export function slowProvince(facts = 20): string {
  const decl = Array.from({ length: facts }, (_, i) => `  - { 名称: 指标${i + 1}, 类型: 数值, 默认: 0 }\n`).join('');
  const cond = Array.from({ length: facts }, (_, i) => `指标${i + 1} >= ${i + 1}`).join(' 或 ');
  return `元数据:\n  名称: 慢速细则\n  地区: 测试省\n  版本: "1"\n  生效日期: 2026-01-01\n  基于: national\n企业信息:\n${decl}分类:\n  C:\n    任一条件:\n      - 名称: 指标超限\n        条件: ${cond}\n`;
}
