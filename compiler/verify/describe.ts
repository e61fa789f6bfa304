// Situations in words (Chinese first), for counterexamples and the “stricter” report.
import type { Decision, RuleSetIR } from '../../runtime/index.js';
import { CLASS_BY_RANK } from '../../runtime/classes.js';
import type { Mapping, Situation } from './records.js';
import type { FactDim } from './space.js';

export interface Words {
  zh: string;
  en: string;
}

const list = (xs: string[], max = 6) => (xs.length > max ? `${xs.slice(0, max).join('、')} 等 ${xs.length} 项` : xs.join('、'));
const listEn = (xs: string[], max = 6) => (xs.length > max ? `${xs.slice(0, max).join(', ')} and ${xs.length - max} more` : xs.join(', '));

const kindOf = (P: RuleSetIR, N: RuleSetIR, m: Mapping, i: number): [string, string] => {
  const it = P.items[i]!;
  const nat = m.natOf[i]! >= 0 ? N.items[m.natOf[i]!]! : null;
  if (!nat) return it.directive ? ['★补充项目', '★ supplementary item'] : ['补充项目', 'supplementary item'];
  if (nat.id === it.id) return it.directive ? ['★国家项目', '★ national item'] : ['国家项目', 'national item'];
  return it.directive ? [`★细化子项目（国家第${nat.id}项）`, `★ sub-item of national ${nat.id}`] : [`细化子项目（国家第${nat.id}项）`, `sub-item of national ${nat.id}`];
};

/** The failed items of a situation, by kind. */
export function failures(P: RuleSetIR, N: RuleSetIR, m: Mapping, s: Situation): Words {
  if (s.failP.length === 0 && s.failN.length === 0) return { zh: '全部项目通过', en: 'every item passes' };
  const groups = new Map<string, { en: string; ids: string[] }>();
  for (const i of s.failP) {
    const [zh, en] = kindOf(P, N, m, i);
    const g = groups.get(zh) ?? { en, ids: [] };
    g.ids.push(P.items[i]!.id);
    groups.set(zh, g);
  }
  const zh: string[] = [];
  const en: string[] = [];
  for (const [k, g] of groups) {
    zh.push(`${g.ids.length} 个${k}（${list(g.ids)}）不通过`);
    en.push(`${g.ids.length} ${g.en}${g.ids.length > 1 ? 's' : ''} (${listEn(g.ids)}) fail`);
  }
  if (s.failN.length) {
    const ids = s.failN.map((j) => N.items[j]!.id);
    zh.push(`本省不评定的国家项目 ${list(ids)} 在国家检查表上不通过`);
    en.push(`national item${ids.length > 1 ? 's' : ''} ${listEn(ids)}, not assessed by the province, fail${ids.length > 1 ? '' : 's'} on the national form`);
  }
  return { zh: `${zh.join('，')}，其余通过`, en: `${en.join('; ')}; the rest pass` };
}

/** The context of a situation, leaving out what is ordinary (first classification, periodic, no events, default facts). */
export function context(s: Situation, dims: readonly FactDim[], risk?: { p: Decision['riskLevel']; n: Decision['riskLevel'] }, showProducts = true): Words {
  const zh: string[] = [];
  const en: string[] = [];
  if (s.products.products.length && showProducts) {
    const r = risk && risk.p && risk.n ? (risk.p === risk.n ? `，${risk.p}` : `，国家${risk.n}、本省${risk.p}`) : '';
    const rEn = risk && risk.p && risk.n ? (risk.p === risk.n ? `, level ${risk.p}` : `, national ${risk.n}, provincial ${risk.p}`) : '';
    zh.push(`主要产品 ${s.products.products.join('、')}${r}`);
    en.push(`products ${s.products.products.join(', ')}${rEn}`);
  }
  if (s.products.declared) {
    zh.push(`检查人员填写风险等级 ${s.products.declared === 1 ? 'Ⅰ级' : 'Ⅱ级'}`);
    en.push(`declared risk level ${s.products.declared === 1 ? 'Ⅰ' : 'Ⅱ'}`);
  }
  for (const d of dims) {
    const v = s.facts[d.name];
    if (v === undefined || v === d.values[0]) continue;
    const t = v === true ? '是' : v === false ? '否' : String(v);
    zh.push(`${d.name}=${t}`);
    en.push(`${d.name}=${String(v)}`);
  }
  zh.push(s.prev < 0 ? '首次评定' : `上次类别 ${CLASS_BY_RANK[s.prev]}`);
  en.push(s.prev < 0 ? 'first classification' : `previous class ${CLASS_BY_RANK[s.prev]}`);
  if (s.events.prevDate) {
    zh.push(`上次评定日期 ${s.events.prevDate}`);
    en.push(`previous review ${s.events.prevDate}`);
  }
  if (!s.periodic) {
    zh.push('专项监督检查');
    en.push('special inspection');
  }
  if (s.events.events.length) {
    // Events of one type on one day once, with their number (a condition may need a thousand).
    const runs: { type: string; date: string; n: number }[] = [];
    for (const e of s.events.events) {
      const last = runs.find((r) => r.type === e.type && r.date === e.date);
      if (last) last.n++;
      else runs.push({ ...e, n: 1 });
    }
    zh.push(`事件 ${runs.map((e) => `${e.type}${e.n > 1 ? ` ${e.n} 次` : ''}（${e.date}）`).join('、')}`);
    en.push(`events ${runs.map((e) => `${e.type}${e.n > 1 ? ` ×${e.n}` : ''} (${e.date})`).join(', ')}`);
  }
  return { zh: zh.join('，'), en: en.join(', ') };
}

export function outcomeWords(d: Decision): Words {
  if (!d.inScope) return { zh: '不适用本办法（第二条）', en: 'outside the Measures (Art. 2)' };
  return { zh: `${d.class}类（${d.mode}）`, en: `class ${d.class} (${d.mode})` };
}
