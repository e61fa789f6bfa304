// The national rules written directly in TypeScript: the practical speed limit the compiled
// evaluator is measured against. It reads the same prepared records (runtime/prepare.ts:
// answers as bit words, bit i = the i-th national item) and returns the same Decision.
// Everything the rule file says is hard-coded here, as a hand-writer would.
import { recordError, recordNotice, type Decision, type Notice, type Outcome, type Prepared } from '../runtime/index.js';

/** The 19 items of the General Rules, in form order: item k is bit k − 1. */
const ITEM_IDS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13', '14', '15', '16', '17', '18', '19'];
const ALL = (1 << 19) - 1;
/** ★ (C-directive) items 1, 2, 12, 14, 15, 16, 17. */
const STAR = (1 << 0) | (1 << 1) | (1 << 11) | (1 << 13) | (1 << 14) | (1 << 15) | (1 << 16);
/** Event types 0–4 (行政处罚, 严重隐患, 抽查不合格, 媒体曝光, 其他降级情形) are 第二十一条 triggers; 5 (拒绝抽查) is not. */
const TRIGGER_TYPES = 5;

const CLASSES = ['C', 'B', 'A', 'AA'] as const;
/** Mode rank follows class rank (第十八条): C 加严 … AA 信用. */
const MODES = ['加严监管', '常态监管', '责任监管', '信用监管'] as const;
const RISK_TEXT = [null, 'Ⅰ级', 'Ⅱ级', 'Ⅲ级'] as const;
/** 版本 of rules/national/national.yaml, which the decisions name (D10). */
const RULES_VERSION = '2011.1';

/** 第十八条 measures by mode rank (D7: they follow the mode after the risk shift). */
const MEASURES: readonly (readonly string[])[] = [
  [
    '企业每年定期向质监部门报告产品质量主体责任落实情况，积极回应和解决社会各方面反映的产品质量问题',
    '质监部门将其列为本辖区重点监管企业',
    '质监部门根据实际情况，按照加严监管的要求开展监督检查',
    '根据监督检查情况，对未有效履行产品质量主体责任的企业负责人进行履责约谈，并责令企业限期整改',
    '对已经获得的质量奖励和其他质量扶持政策，依据相关规定取消或建议有关部门予以取消',
  ],
  [
    '企业每年定期向质监部门报告产品质量主体责任落实情况，积极回应和解决社会各方面反映的产品质量问题',
    '质监部门根据本地实际开展监督检查',
    '质监部门指导企业不断完善质量管理、检验检测、计量和标准体系，增强履行产品质量主体责任的意识和能力',
  ],
  [
    '企业每年定期向质监部门报告产品质量主体责任落实情况，积极回应、有效解决社会各方面反映的产品质量问题',
    '质监部门根据监管需要及社会反馈信息对企业落实产品质量主体责任情况进行监督检查',
    '质监部门指导和支持其不断提升履行产品质量主体责任的能力',
  ],
  [
    '企业每年定期向质监部门报告自我承诺落实情况，积极回应、有效解决社会各方面反映的产品质量问题',
    '质监部门根据需要对企业自我承诺落实情况进行监督检查',
    '质监部门支持其积极落实产品质量主体责任，优先推荐其申报政府质量奖等质量奖励',
  ],
];

function popcount(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

function ids(bits: number): string[] {
  const out: string[] = [];
  for (let i = 0; bits !== 0; i++, bits >>>= 1) if (bits & 1) out.push(ITEM_IDS[i]!);
  return out;
}

/** Whether an Art. 21 trigger event happened in (reviewStart, day]. */
function triggered(p: Prepared): boolean {
  for (let t = 0; t < TRIGGER_TYPES; t++) {
    const days = p.events[t]!;
    for (let i = 0; i < days.length; i++) {
      const d = days[i]!;
      if (d > p.reviewStart && d <= p.day) return true;
    }
  }
  return false;
}

/** Item 14 (D8, 第十一条): fails, whatever was written, after ≥ 2 national or provincial sampling failures, a refusal, a penalty or a media exposure in the 3 years to the inspection. */
const ITEM14_FAILS = '次数(抽查不合格, 近3年, 省级以上) >= 2 或 发生(拒绝抽查, 近3年) 或 发生(行政处罚, 近3年) 或 发生(媒体曝光, 近3年)';
/** Sampling level bits of 国家 and 省级 (runtime/prepare.ts eventLevels). */
const PROVINCIAL_OR_ABOVE = 1 | 2;
function item14Fails(p: Prepared): boolean {
  // p.win[0] is the start of 近3年, the national rules' only window (bench/evaluator.ts checks this).
  const from = p.win[0]!;
  const count = (t: number, mask: number) => {
    const days = p.events[t]!;
    const levels = p.eventLevels[t]!;
    let n = 0;
    for (let i = 0; i < days.length; i++) if (days[i]! > from && days[i]! <= p.day && (mask === 0 || (levels[i]! & mask) !== 0)) n++;
    return n;
  };
  return count(2, PROVINCIAL_OR_ABOVE) >= 2 || count(5, 0) > 0 || count(0, 0) > 0 || count(3, 0) > 0;
}

/**
 * Items settled whatever was written (D8, D2′): 14 fails by its history; 2 passes for an enterprise
 * without administrative licensing (fact 0), 17 for one without a production licence (fact 1).
 * A written answer overruled is a warning (FL5113, FL5114), in item order.
 */
const SETTLED: readonly { bit: number; item: string; article: string; condition: string; conform: boolean; fails: boolean; holds: (p: Prepared) => boolean }[] = [
  { bit: 1, item: '2', article: '通用规则第（二）部分第2项', condition: '非 涉及行政许可', conform: false, fails: false, holds: (p) => !p.facts[0] },
  { bit: 13, item: '14', article: '通用规则第（二）部分第14项；第十一条', condition: ITEM14_FAILS, conform: true, fails: true, holds: item14Fails },
  { bit: 16, item: '17', article: '通用规则第（二）部分第17项', condition: '非 持有生产许可证', conform: true, fails: false, holds: (p) => !p.facts[1] },
];

/** The answer bits with the settled items set (for bench/columnar.ts). */
export function settledAnswers(p: Prepared): number {
  let pass = p.pass[0]!;
  for (const s of SETTLED) if (s.holds(p)) pass = s.fails ? pass & ~(1 << s.bit) : pass | (1 << s.bit);
  return pass;
}

/** The form's words for an answer: items 8, 13, 14, 17–19 are asked as 符合/不符合, the rest as 未发现问题/发现问题. */
function answerWords(conform: boolean, pass: boolean): string {
  return conform ? (pass ? '符合' : '不符合') : pass ? '未发现问题' : '发现问题';
}

function lowestId(bits: number): string {
  return ITEM_IDS[31 - Math.clz32(bits & -bits)]!;
}

export function decideByHand(p: Prepared): Outcome {
  // 第二条: out of scope, no class.
  if (!p.inScope) {
    const d: Decision = { id: p.id, inScope: false, assessedClass: null, class: null, mode: null, riskLevel: null, passed: 0, answered: 0, passRatio: null, failedItems: [], directiveFailures: [], measures: [], rulesVersion: RULES_VERSION, catalogues: p.catalogue.used, trace: [] };
    if (p.warnings) d.warnings = p.warnings;
    return d;
  }
  // D11: no answers at all, with a previous class: the previous class, lowered by a trigger.
  if (p.adjustmentOnly) return adjustmentByHand(p);
  // D8, D2′: settled items first; their answers may be left blank.
  let pass = p.pass[0]!;
  let settled = 0;
  let warnings: Notice[] | null = p.warnings;
  for (const s of SETTLED) {
    if (!s.holds(p)) continue;
    const bit = 1 << s.bit;
    settled |= bit;
    const blank = ((p.missing[0]! | p.naAnswer[0]!) & bit) !== 0;
    const wrote = (p.pass[0]! & bit) !== 0;
    if (!blank && wrote === s.fails) {
      warnings = [...(warnings ?? []), recordNotice(s.fails ? 'FL5113' : 'FL5114', `inspection.answers.${s.item}`, { item: s.item, value: answerWords(s.conform, wrote), condition: s.condition, article: s.article, result: answerWords(s.conform, !s.fails) })];
    }
    pass = s.fails ? pass & ~bit : pass | bit;
  }
  // D2: every other national item is answered with one of its two answers.
  const missing = p.missing[0]! & ALL & ~settled;
  if (missing !== 0) return recordError(p.id, 'FL5005', `inspection.answers.${lowestId(missing)}`, { item: lowestId(missing) });
  const na = p.naAnswer[0]! & ALL & ~settled;
  if (na !== 0) return recordError(p.id, 'FL5009', `inspection.answers.${lowestId(na)}`, { item: lowestId(na) });

  // 通用规则备注（二） with D1: ★ failure or r < 60% → C; all pass → AA; r ≥ 90% → A; else B.
  pass &= ALL;
  const failed = ALL & ~pass;
  const answered = 19;
  const passed = popcount(pass);
  let assessed: number;
  if ((failed & STAR) !== 0 || passed * 100 < 60 * answered) assessed = 0;
  else if (failed === 0) assessed = 3;
  else if (passed * 100 >= 90 * answered) assessed = 2;
  else assessed = 1;

  // 第二十一条 (D4): at most one level up at a periodic review, no rise between reviews;
  // a trigger event since the previous review → at most one level below the previous class.
  let rank = assessed;
  const prev = p.prev;
  if (prev >= 0) {
    if (p.periodic) {
      if (rank > prev + 1) rank = prev + 1;
    } else if (rank > prev) rank = prev;
    if (triggered(p)) {
      const limit = prev > 0 ? prev - 1 : 0;
      if (rank > limit) rank = limit;
    }
  }

  // 第十八条 mode by class; 第二十条 Level Ⅰ one step stricter (加严 stays 加严); D7 measures by mode.
  const mode = p.risk === 1 && rank > 0 ? rank - 1 : rank;
  const d: Decision = {
    id: p.id,
    inScope: true,
    assessedClass: CLASSES[assessed]!,
    class: CLASSES[rank]!,
    mode: MODES[mode]!,
    riskLevel: p.riskFrom === 'undetermined' ? null : RISK_TEXT[p.risk],
    passed,
    answered,
    passRatio: Math.round((passed / answered) * 10000) / 10000,
    failedItems: failed === 0 ? [] : ids(failed),
    directiveFailures: (failed & STAR) === 0 ? [] : ids(failed & STAR),
    measures: MEASURES[mode] as string[],
    rulesVersion: RULES_VERSION,
    catalogues: p.catalogue.used,
    trace: [],
  };
  if (warnings) d.warnings = warnings;
  return d;
}

function adjustmentByHand(p: Prepared): Decision {
  const rank = triggered(p) ? Math.max(0, p.prev - 1) : p.prev;
  const mode = p.risk === 1 && rank > 0 ? rank - 1 : rank;
  const d: Decision = {
    id: p.id,
    inScope: true,
    assessedClass: CLASSES[p.prev]!,
    class: CLASSES[rank]!,
    mode: MODES[mode]!,
    riskLevel: p.riskFrom === 'undetermined' ? null : RISK_TEXT[p.risk],
    passed: 0,
    answered: 0,
    passRatio: null,
    failedItems: [],
    directiveFailures: [],
    measures: MEASURES[mode] as string[],
    rulesVersion: RULES_VERSION,
    catalogues: p.catalogue.used,
    trace: [],
    adjustmentOnly: true,
  };
  if (p.warnings) d.warnings = p.warnings;
  return d;
}
