// Random small rule sets for the property test: a national base (2–5 items) and a province over
// it (at most 14 items), as YAML text. `rich` adds what reaches beyond the checklist: a fact,
// not-applicable conditions, products and catalogue changes, event conditions and trigger
// changes, review settings and risk modes. `facts` (with `rich`) adds an enum and a number fact and
// conditions that mix facts with each other and with event counts compared with constants
// (次数(处罚, 近3年) >= 2), in 且/或 with the checklist, on two national items (small enough for brute force).
import fc from 'fast-check';

export interface RandomRules {
  national: string;
  province: string;
  /** Province item count. */
  items: number;
  rich: boolean;
  facts: boolean;
}

const pct = (n: number) => `${n}%`;

const nationalItem = fc.record({ conform: fc.boolean(), star: fc.boolean() });

const thresholds = fc
  .tuple(fc.integer({ min: 0, max: 16 }), fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 8 }), fc.boolean(), fc.boolean())
  .map(([c, db, da, bIncl, aIncl]) => {
    const C = c * 5;
    const B = Math.min(100, C + db * 5);
    const A = Math.min(100, B + da * 5);
    return { C, B, A, bOp: bIncl ? '>=' : '>', aOp: aIncl ? '>=' : '>' };
  });

function nationalText(items: { conform: boolean; star: boolean }[], t: { C: number; B: number; A: number; bOp: string; aOp: string }, level: string): string {
  const lines = [
    '元数据:',
    '  名称: 随机国家规则',
    '  地区: 全国',
    '  版本: "1"',
    '  生效日期: 2020-01-01',
    '适用范围:',
    '  不适用产品: [食品]',
    '项目:',
    ...items.map((it, i) => `  - { 编号: "n${i + 1}", 内容: 国家项目${i + 1}, 答案: ${it.conform ? '符合/不符合' : '发现问题/未发现问题'}, 指向型: ${it.star} }`),
    '事件类型:',
    '  - { 名称: 处罚, 降级: true }',
    '  - { 名称: 拒检, 降级: false }',
    '分类:',
    '  C:',
    '    任一条件:',
    '      - 名称: 指向型不通过',
    '        条件: 任一不通过(指向型)',
    '      - 名称: 通过率下限',
    `        条件: 通过率 < ${pct(t.C)}`,
    '  AA:',
    '    全部条件:',
    '      - 名称: 全部通过',
    '        条件: 全部通过',
    '  A:',
    '    全部条件:',
    '      - 名称: 通过率',
    `        条件: 通过率 ${t.aOp} ${pct(t.A)}`,
    '  B:',
    '    全部条件:',
    '      - 名称: 通过率',
    `        条件: 通过率 ${t.bOp} ${pct(t.B)}`,
    '类别监管方式: { AA: 信用监管, A: 责任监管, B: 常态监管, C: 加严监管 }',
    '风险调整:',
    '  Ⅰ级: 下调一级',
    '监管方式:',
    ...['信用监管', '责任监管', '常态监管', '加严监管'].flatMap((m) => [`  - 名称: ${m}`, '    措施:', `      - 内容: ${m}措施`]),
    '动态调整: { 调整周期月数: 12, 最多上升级数: 1, 降级级数: 1 }',
    '产品目录:',
    `  - { 名称: 甲, 风险等级: ${level} }`,
  ];
  return lines.join('\n') + '\n';
}

const LEVELS = ['Ⅰ级', 'Ⅱ级', 'Ⅲ级'] as const;
const NA_CONDITIONS = ['小型', '非 小型', '产品包含("丙")'];
// With `facts`: more not-applicable conditions, and AA and C conditions over several facts and event counts.
const NA_FACTS = [...NA_CONDITIONS, '等级 = "乙"', '规模 >= 100 或 小型'];
const AA_FACTS = ['等级 != "丙"', '规模 < 100 且 非 小型', '次数(处罚, 近3年) < 2 且 等级 = "甲"', '全部通过 或 规模 < 200'];
const C_FACTS = ['规模 >= 200 或 次数(处罚, 近3年) >= 2', '等级 = "丙" 且 小型', '不通过数 >= 1 且 次数(处罚, 近3年) >= 1'];

export function randomRules(rich: boolean, facts = false): fc.Arbitrary<RandomRules> {
  const nItems = facts ? fc.constant(2) : rich ? fc.integer({ min: 2, max: 3 }) : fc.integer({ min: 2, max: 5 });
  return nItems.chain((k) =>
    fc
      .record({
        national: fc.array(nationalItem, { minLength: k, maxLength: k }),
        nt: thresholds,
        level: fc.constantFrom(...LEVELS),
        // Per national item: 0 keep, r > 0 refine into r sub-items; per sub-item: ★ and a not-applicable condition.
        refine: fc.array(fc.record({ subs: fc.integer({ min: 0, max: facts ? 1 : rich ? 2 : 3 }), starOff: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 3, maxLength: 3 }), na: fc.array(fc.integer({ min: 0, max: 15 }), { minLength: 4, maxLength: 4 }) }), { minLength: k, maxLength: k }),
        supp: fc.array(fc.record({ star: fc.integer({ min: 0, max: 9 }), na: fc.integer({ min: 0, max: 5 }), conform: fc.boolean() }), { maxLength: facts ? 1 : rich ? 2 : 5 }),
        // Provincial thresholds: the national ones moved by a few steps of 5%, mostly up (stricter).
        shift: fc.tuple(fc.integer({ min: -1, max: 3 }), fc.integer({ min: -1, max: 3 }), fc.integer({ min: -1, max: 2 }), fc.boolean(), fc.boolean()),
        replace: fc.record({ c: fc.boolean(), a: fc.boolean(), b: fc.boolean() }),
        extraC: fc.integer({ min: 0, max: 9 }),
        extraAA: fc.integer({ min: 0, max: 9 }),
        events: fc.record({ dropPenalty: fc.integer({ min: 0, max: 9 }), refusalTrigger: fc.boolean() }),
        review: fc.record({ rise: fc.integer({ min: 0, max: 9 }), drop: fc.integer({ min: 0, max: 9 }), cap: fc.constantFrom('', 'A', 'B', 'AA') }),
        risk: fc.record({ l1: fc.integer({ min: 0, max: 9 }), l2: fc.boolean() }),
        products: fc.record({ jia: fc.constantFrom('', ...LEVELS), bing: fc.constantFrom('', ...LEVELS) }),
        factAA: fc.integer({ min: 0, max: AA_FACTS.length }),
        factC: fc.integer({ min: 0, max: C_FACTS.length }),
      })
      .map((r) => build(r, rich, facts))
      .filter((x) => x.items <= 14),
  );
}

type Spec = {
  national: { conform: boolean; star: boolean }[];
  nt: { C: number; B: number; A: number; bOp: string; aOp: string };
  level: (typeof LEVELS)[number];
  refine: { subs: number; starOff: number[]; na: number[] }[];
  supp: { star: number; na: number; conform: boolean }[];
  shift: [number, number, number, boolean, boolean];
  replace: { c: boolean; a: boolean; b: boolean };
  extraC: number;
  extraAA: number;
  events: { dropPenalty: number; refusalTrigger: boolean };
  review: { rise: number; drop: number; cap: string };
  risk: { l1: number; l2: boolean };
  products: { jia: string; bing: string };
  factAA: number;
  factC: number;
};

function build(r: Spec, rich: boolean, facts: boolean): RandomRules {
  // With facts: the national catalogue and risk shifts kept (so brute force need not vary the risk level).
  if (facts) r = { ...r, products: { jia: '', bing: '' }, risk: { l1: 1, l2: false } };
  const naConditions = facts ? NA_FACTS : NA_CONDITIONS;
  const national = nationalText(r.national, r.nt, r.level);
  const clamp = (x: number) => Math.max(0, Math.min(100, x));
  const C = clamp(r.nt.C + 5 * r.shift[0]);
  const B = clamp(Math.max(C, r.nt.B + 5 * r.shift[1]));
  const pt = { C, B, A: clamp(Math.max(B, r.nt.A + 5 * r.shift[2])), bOp: r.shift[3] ? '>=' : '>', aOp: r.shift[4] ? '>=' : '>' };
  const items: string[] = [];
  const adjust: string[] = [];
  let count = 0;
  r.national.forEach((n, i) => {
    const f = r.refine[i]!;
    if (f.subs === 0) {
      count++;
      if (rich && f.na[0]! < naConditions.length) adjust.push(`  - { 项目: "n${i + 1}", 不适用条件: '${naConditions[f.na[0]!]}' }`);
      return;
    }
    for (let j = 0; j < f.subs; j++) {
      count++;
      // A sub-item of a ★ item is ★ unless the draw un-stars it (a weakening the verifier must find).
      const star = n.star ? f.starOff[j]! > 0 : f.starOff[j]! === 0;
      const na = rich && f.na[j + 1]! < naConditions.length ? `, 不适用条件: '${naConditions[f.na[j + 1]!]}'` : '';
      items.push(`  - { 编号: "n${i + 1}.${j + 1}", 细化: "n${i + 1}", 内容: 子项目${i + 1}.${j + 1}, 答案: 发现问题/未发现问题, 指向型: ${star}${na} }`);
    }
  });
  r.supp.forEach((s, j) => {
    count++;
    const na = rich && s.na < naConditions.length ? `, 不适用条件: '${naConditions[s.na]}'` : '';
    items.push(`  - { 编号: "s${j + 1}", 内容: 补充项目${j + 1}, 答案: ${s.conform ? '符合/不符合' : '发现问题/未发现问题'}, 指向型: ${s.star === 0}${na} }`);
  });
  const lines = ['元数据:', '  名称: 随机省级细则', '  地区: 某省', '  版本: "1"', '  生效日期: 2021-01-01', '  基于: n.yaml'];
  if (rich) lines.push('企业信息:', '  - { 名称: 小型, 类型: 布尔, 默认: false }');
  if (facts) lines.push('  - { 名称: 等级, 类型: 枚举, 取值: [甲, 乙, 丙], 默认: 甲 }', '  - { 名称: 规模, 类型: 数值, 默认: 0 }');
  if (items.length) lines.push('项目:', ...items);
  if (adjust.length) lines.push('调整:', ...adjust);
  const c: string[] = [];
  const aa: string[] = [];
  if (r.replace.c) c.push('      - 名称: 通过率下限', `        条件: 通过率 < ${pct(pt.C)}`);
  if (r.extraC === 0) c.push('      - 名称: 补充项目多项', '        条件: 不通过数(补充项目) >= 2');
  if (rich && r.extraC === 1) c.push('      - 名称: 拒检', '        条件: 发生(拒检, 近1年)');
  if (r.extraAA === 0) aa.push('      - 名称: 国家项目', '        条件: 全部通过(国家项目)');
  if (r.extraAA === 1 && r.extraC === 9) aa.push('      - 名称: 全部通过', '        条件: 通过率 >= 80%');
  if (rich && r.extraAA === 2) aa.push('      - 名称: 非小型', '        条件: 非 小型');
  if (rich && r.extraAA === 3) aa.push('      - 名称: 无处罚', '        条件: 非 发生(处罚, 近1年)');
  if (facts && r.factAA < AA_FACTS.length) aa.push('      - 名称: 信息与事件', `        条件: '${AA_FACTS[r.factAA]}'`);
  if (facts && r.factC < C_FACTS.length) c.push('      - 名称: 信息与事件', `        条件: '${C_FACTS[r.factC]}'`);
  const cls: string[] = [];
  if (c.length) cls.push('  C:', '    任一条件:', ...c);
  if (aa.length) cls.push('  AA:', '    全部条件:', ...aa);
  if (r.replace.a) cls.push('  A:', '    全部条件:', '      - 名称: 通过率', `        条件: 通过率 ${pt.aOp} ${pct(pt.A)}`);
  if (r.replace.b) cls.push('  B:', '    全部条件:', '      - 名称: 通过率', `        条件: 通过率 ${pt.bOp} ${pct(pt.B)}`);
  if (cls.length) lines.push('分类:', ...cls);
  if (rich) {
    const ev: string[] = [];
    if (r.events.dropPenalty === 0) ev.push('  - { 名称: 处罚, 降级: false }');
    if (r.events.refusalTrigger) ev.push('  - { 名称: 拒检, 降级: true }');
    if (ev.length) lines.push('事件类型:', ...ev);
    const rv: string[] = [];
    if (r.review.rise === 0) rv.push('  最多上升级数: 2');
    if (r.review.drop === 0) rv.push('  降级级数: 2');
    if (r.review.cap) rv.push(`  首次评定上限: ${r.review.cap}`);
    if (rv.length) lines.push('动态调整:', ...rv);
    const rm: string[] = [];
    if (r.risk.l1 === 0) rm.push('  Ⅰ级: 不调整');
    if (r.risk.l2) rm.push('  Ⅱ级: 下调一级');
    if (rm.length) lines.push('风险调整:', ...rm);
    const pr: string[] = [];
    if (r.products.jia) pr.push(`  - { 名称: 甲, 风险等级: ${r.products.jia} }`);
    if (r.products.bing) pr.push(`  - { 名称: 丙, 风险等级: ${r.products.bing} }`);
    if (pr.length) lines.push('产品目录:', ...pr);
  }
  return { national, province: lines.join('\n') + '\n', items: count, rich, facts };
}
