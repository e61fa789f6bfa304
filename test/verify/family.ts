// A seeded family of generated provinces for the verifier (issue: provinces as drafters write
// them, at the sizes the verifier must handle): up to 30 enterprise facts (yes/no facts that
// make like ★ supplementary items not applicable, enum facts and number facts compared with
// constants in the AA conditions), 12 event windows (AA and C conditions over three event
// types), and 200 named products (one supplementary item applies to them; they are in the
// provincial catalogue at Ⅱ级). The sound variant only adds requirements; each weak variant
// changes one thing a drafter might: a lower A threshold, a diluting checklist without the
// national-items ratio, item 18 split with its scale part not applicable to small firms (D2′).
//
// The verifier decides every member (family.test.ts: seeds 1–5, every variant): each sound
// variant is proven, each weak variant gives its simplest counterexample, replayed through both
// evaluators. It reasons per condition: the yes/no facts are one class per number that hold, the
// AA conditions over the event windows, enums and numbers leave two cases (they hold or not),
// the 200 products a handful of classes (the CCC item applies or not, scope and risk), so some
// thousands of contexts are decided instead of the product of ~170 fact groups, 604 product
// lists and ~1,000–3,000 event histories. The benchmark (`node dist/bench/run.js verify
// --only=family`) times each member against the earlier exhaustive search on the same files.
import { rng } from '../fixtures/prng.js';

export type FamilyVariant = 'sound' | 'threshold' | 'dilution' | 'subItemNotApplicable';
export const FAMILY_VARIANTS: readonly FamilyVariant[] = ['sound', 'threshold', 'dilution', 'subItemNotApplicable'];

const WINDOWS = ['近1年', '近2年', '近3年', '近6个月'] as const;
const EVENT_TYPES = ['抽查不合格', '行政处罚', '媒体曝光'] as const;

/**
 * The province's text. Its catalogue is written inline (the verifier tests move it into a dated
 * catalogue file of its own); with `catalogues`, the 产品目录 key lists those files instead, and
 * `familyCatalogue` is the province's own (for the benchmark, which compiles files on disk).
 */
export function familyProvince(seed: number, variant: FamilyVariant, products = 200, catalogues?: readonly string[]): string {
  const r = rng(seed);
  const pick = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const bools = pick(8, 20);
  const enums = pick(0, 5);
  const numbers = Math.min(30 - bools - enums, pick(0, 5));
  const lines = ['元数据:', `  名称: 生成的细则${seed}（${variant}）`, '  地区: 测试省', '  版本: "1"', '  生效日期: 2025-01-01', '  基于: national', '企业信息:'];
  for (let i = 1; i <= bools; i++) lines.push(`  - { 名称: 情况${i}, 类型: 布尔, 默认: false }`);
  for (let i = 1; i <= enums; i++) lines.push(`  - { 名称: 类型${i}, 类型: 枚举, 取值: [甲, 乙, 丙], 默认: 甲 }`);
  for (let i = 1; i <= numbers; i++) lines.push(`  - { 名称: 指标${i}, 类型: 数值, 默认: 0 }`);
  lines.push('事件类型:', '  - { 名称: 行政处罚, 降级: true }', '  - { 名称: 媒体曝光, 降级: true }');
  lines.push('项目:');
  for (let i = 1; i <= bools; i++) lines.push(`  - { 编号: 补${i}, 内容: 补充项目${i}, 答案: 发现问题/未发现问题, 指向型: true, 不适用条件: 非 情况${i} }`);
  const names = Array.from({ length: products }, (_, i) => `产品${i + 1}`);
  if (products) lines.push(`  - { 编号: 补CCC, 内容: 强制性产品认证, 答案: 发现问题/未发现问题, 指向型: true, 不适用条件: "非 (${names.map((n) => `产品包含(\\"${n}\\")`).join(' 或 ')})" }`);
  if (variant === 'subItemNotApplicable') {
    lines.push('  - { 编号: "18.1", 细化: "18", 内容: 企业达到规模水平, 答案: 符合/不符合, 不适用条件: 情况1 }');
    lines.push('  - { 编号: "18.2", 细化: "18", 内容: 企业处于行业龙头地位, 答案: 符合/不符合 }');
  }
  const nationalIds = Array.from({ length: 19 }, (_, i) => `"${i + 1}"`);
  lines.push('分组:', `  - { 名称: 国家项目, 项目: [${nationalIds.join(', ')}] }`);
  // 12 windows: each event type over each window, compared with its own constant.
  const counts = EVENT_TYPES.flatMap((t) => WINDOWS.map((w) => ({ t, w, k: pick(1, 3) })));
  const aa = [`${counts.map((c) => `次数(${c.t}, ${c.w}) < ${c.k}`).join(' 且 ')}`];
  if (enums) aa.push(Array.from({ length: enums }, (_, i) => `类型${i + 1} != "丙"`).join(' 且 '));
  if (numbers) aa.push(Array.from({ length: numbers }, (_, i) => `指标${i + 1} < 100`).join(' 且 '));
  lines.push('分类:', '  C:', '    任一条件:', '      - { 名称: 国家项目通过率下限, 条件: 通过率(国家项目) < 60% }');
  lines.push(`      - { 名称: 多次处罚, 条件: "次数(行政处罚, 近3年) >= ${pick(2, 4)}" }`);
  lines.push('  AA:', '    全部条件:', ...aa.map((c, i) => `      - { 名称: 从严${i + 1}, 条件: "${c.replaceAll('"', '\\"')}" }`));
  lines.push('  A:', '    全部条件:');
  if (variant === 'threshold') lines.push('      - { 名称: 通过率, 条件: 通过率(国家项目) >= 85% }');
  else if (variant !== 'dilution') lines.push('      - { 名称: 国家项目通过率, 条件: 通过率(国家项目) >= 90% }');
  else lines.push('      - { 名称: 通过率, 条件: 通过率 >= 90% }');
  lines.push('  B:', '    全部条件:', '      - { 名称: 国家项目通过率, 条件: 通过率(国家项目) >= 60% }');
  if (catalogues) lines.push('产品目录:', ...catalogues.map((f) => `  - ${f}`));
  else if (products) lines.push('产品目录:', ...catalogueEntries(products));
  return lines.join('\n') + '\n';
}

const catalogueEntries = (products: number) => Array.from({ length: products }, (_, i) => `  - { 名称: 产品${i + 1}, 风险等级: Ⅱ级 }`);

/** The province's own catalogue as a dated catalogue file (the 200 named products at Ⅱ级). */
export function familyCatalogue(products = 200): string {
  return ['元数据:', '  名称: 生成的目录', '  地区: 测试省', '  版本: "1"', '  生效日期: 2000-01-01', '产品:', ...catalogueEntries(products)].join('\n') + '\n';
}
