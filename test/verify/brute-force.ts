// Brute force for the property test, written without the verifier's abstraction: every answer
// combination of the provincial items, on a grid of contexts that covers what the random rule
// sets can tell apart, each decided by both evaluators; the national record follows docs/interpretation.md.
import { loadEvaluator } from "../../compiler/codegen/load.js";
import { lower } from "../../compiler/ir/lower.js";
import type { CompileResult } from "../../compiler/program.js";
import {
  answerText,
  type Decision,
  type EnterpriseRecord,
  type Evaluator,
  type Prepared,
  type RuleSetIR,
} from "../../runtime/index.js";

const RANK: Record<string, number> = { C: 0, B: 1, A: 2, AA: 3 };
const MODE: Record<string, number> = {
  加严监管: 0,
  常态监管: 1,
  责任监管: 2,
  信用监管: 3,
};
const CLASSES = ["C", "B", "A", "AA"];
const DAY = "2021-06-15";
const monthsBack = (m: number) => {
  const d = new Date(Date.UTC(2021, 5 - m, 15));
  return d.toISOString().slice(0, 10);
};

interface Context {
  facts: Record<string, boolean | string | number>;
  products: string[];
  declared: string | null;
  prev: number;
  periodic: boolean;
  prevDate: string | null;
  events: { type: string; date: string }[];
}

function* grid(rich: boolean, withFacts = false): Generator<Context> {
  const facts: Context["facts"][] = rich
    ? [{ 小型: false }, { 小型: true }]
    : [{}];
  if (withFacts) {
    // Every class of 等级 and of 规模 between the constants the random conditions use (100, 200).
    facts.length = 0;
    for (const 小型 of [false, true])
      for (const 等级 of ["甲", "乙", "丙"])
        for (const 规模 of [0, 100, 200]) facts.push({ 小型, 等级, 规模 });
  }
  // With facts the province keeps the national catalogue and risk shifts (random-rules.ts): the
  // risk level is then the same on both sides and only 产品包含("丙") tells products apart.
  const products = withFacts
    ? [["甲"], ["丙"], []]
    : rich
      ? [["甲"], [], ["丙"], ["甲", "丙"]]
      : [["甲"]];
  const declared = rich && !withFacts ? [null, "Ⅱ级", "Ⅰ级"] : [null];
  const prevDates = rich ? [null, monthsBack(6), monthsBack(24)] : [null];
  const dates = [monthsBack(3), monthsBack(9), monthsBack(18)];
  const histories: { type: string; date: string }[][] = [[]];
  if (rich) {
    histories.length = 0;
    // With facts: up to two 处罚 (次数 is compared with 1 and 2), on two dates inside 3 years.
    const penalties: string[][] = withFacts
      ? [
          [],
          [dates[0]!],
          [dates[2]!],
          [dates[0]!, dates[0]!],
          [dates[0]!, dates[2]!],
          [dates[2]!, dates[2]!],
        ]
      : [[], ...dates.map((d) => [d])];
    for (const a of penalties)
      for (const b of [null, ...dates])
        histories.push([
          ...a.map((date) => ({ type: "处罚", date })),
          ...(b ? [{ type: "拒检", date: b }] : []),
        ]);
  }
  for (const f of facts)
    for (const p of products)
      for (const d of declared)
        for (const pd of prevDates)
          for (const ev of histories)
            yield {
              facts: f,
              products: p,
              declared: d,
              prev: -1,
              periodic: true,
              prevDate: pd,
              events: ev,
            };
}

function record(ir: RuleSetIR, c: Context): EnterpriseRecord {
  const known = new Set(ir.facts.map((f) => f.name));
  const rec: EnterpriseRecord = {
    id: "bf",
    enterprise: {
      name: "企业",
      products: c.products,
      facts: Object.fromEntries(
        Object.entries(c.facts).filter(([k]) => known.has(k)),
      ),
    },
    inspection: {
      date: DAY,
      form: c.periodic ? "定期监督检查" : "回访",
      answers: Object.fromEntries(
        ir.items.map((it) => [it.id, answerText(it.pair, true)]),
      ),
    },
  };
  if (c.declared) rec.inspection.riskLevel = c.declared;
  rec.history = {
    previousClass: c.prev >= 0 ? CLASSES[c.prev]! : null,
    previousReviewDate: c.prevDate,
    events: c.events,
  };
  return rec;
}

const decision = (o: unknown): Decision => {
  if (typeof o === "object" && o !== null && "error" in o)
    throw new Error(
      `brute force: record error ${JSON.stringify((o as { error: unknown }).error)}`,
    );
  return o as Decision;
};

const popcount = (x: number): number => {
  let bits = 0;
  for (; x; x &= x - 1) bits++;
  return bits;
};
/** Fewer failed items, or as few with fewer events. */
const cheaper = (a: [number, number], b: [number, number]): boolean =>
  a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);

export interface Brute {
  /** Fewest failed items, then fewest events, over the weak situations; null when none. */
  cost: [number, number] | null;
}

const setBit = (w: Int32Array, i: number, on: boolean) => {
  if (on) w[i >> 5]! |= 1 << (i & 31);
  else w[i >> 5]! &= ~(1 << (i & 31));
};

/** Both rule sets compiled, and which provincial items stand for each national item. */
interface Sides {
  P: RuleSetIR;
  N: RuleSetIR;
  evP: Evaluator;
  evN: Evaluator;
  subs: number[][];
}

export function bruteForce(
  province: CompileResult,
  national: CompileResult,
  rich: boolean,
  withFacts = false,
): Brute {
  const P = province.ir ?? lower(province.linked!);
  const N = national.ir!;
  const sides: Sides = {
    P,
    N,
    evP: loadEvaluator(P),
    evN: loadEvaluator(N),
    subs: N.items.map((n) =>
      P.items.flatMap((it, i) => (it.nationalId === n.id ? [i] : [])),
    ),
  };
  let best: [number, number] | null = null;
  for (const base of grid(rich, withFacts)) {
    // Nothing is cheaper than a weaker situation with no failure and no event.
    if (best?.[0] === 0 && best[1] === 0) break;
    const preparedP = sides.evP.prepare(record(P, base)) as Prepared;
    const preparedN = sides.evN.prepare(record(N, base)) as Prepared;
    // The previous class and the form only change these fields of a prepared record.
    for (let prev = -1; prev <= 3; prev++)
      for (const periodic of [true, false]) {
        const noPrevDate = prev >= 0 && base.prevDate === null;
        best = cheapestWeakness(
          sides,
          { ...preparedP, prev, periodic, noPrevDate },
          { ...preparedN, prev, periodic, noPrevDate },
          base.events.length,
          best,
        );
      }
  }
  return { cost: best };
}

/**
 * In one situation (facts, products, history, previous class, form): the cheapest answers for
 * which the province decides weaker than the nation, if cheaper than `best`; else `best`.
 */
function cheapestWeakness(
  { P, N, evP, evN, subs }: Sides,
  pP: Prepared,
  pN: Prepared,
  events: number,
  best: [number, number] | null,
): [number, number] | null {
  const all = decision(evP.decide(pP));
  const allN = decision(evN.decide(pN));
  if (!all.inScope || !allN.inScope) {
    // Out of the province's scope but in the nation's: weaker with no failure at all.
    if (!all.inScope && allN.inScope && (!best || best[0] > 0 || best[1] > events))
      return [0, events];
    return best;
  }
  const na = new Set(
    (all.warnings ?? [])
      .filter((w) => w.code === "FL5102")
      .map((w) => w.field.replace("inspection.answers.", "")),
  );
  const applicable = P.items.flatMap((it, i) => (na.has(it.id) ? [] : [i]));
  // D2′: a national item with a part not applicable (and no 验证假设 on it) is answered
  // freely by the national inspector, whatever its applicable parts.
  const free = N.items.flatMap((_, j) =>
    subs[j]!.some((i) => na.has(P.items[i]!.id) && !P.items[i]!.assume)
      ? [j]
      : [],
  );
  // Per national item: the answer combinations (bits over `applicable`) that fail one of its
  // provincial parts, and its bit among the national inspector's free answers (-1: not free).
  const failsNational = subs.map((parts) =>
    applicable.reduce((m, i, k) => (parts.includes(i) ? m | (1 << k) : m), 0),
  );
  const freeBit = N.items.map((_, j) => free.indexOf(j));
  const passP = Int32Array.from(pP.pass);
  const passN = Int32Array.from(pN.pass);
  // The national decision depends only on which national items fail: decided once per set.
  const nationalDecisions = new Map<number, Decision>();
  for (let v = 0; v < 1 << applicable.length; v++) {
    const failedP = popcount(v);
    // A bound, not a shortcut: every situation below costs at least these failures, so none
    // can be cheaper than the best already found (the fewest failures, then fewest events).
    if (best && !cheaper([failedP, events], best)) continue;
    applicable.forEach((i, k) => setBit(passP, i, ((v >> k) & 1) === 0));
    // The provincial decision does not depend on the national inspector's free answers.
    const dp = decision(evP.decide({ ...pP, pass: passP }));
    for (let fv = 0; fv < 1 << free.length; fv++) {
      const cost: [number, number] = [failedP + popcount(fv), events];
      if (best && !cheaper(cost, best)) continue;
      let failing = 0;
      for (let j = 0; j < N.items.length; j++) {
        const f = freeBit[j]!;
        if ((v & failsNational[j]!) !== 0 || (f >= 0 && ((fv >> f) & 1) === 1))
          failing |= 1 << j;
      }
      let dn = nationalDecisions.get(failing);
      if (!dn) {
        for (let j = 0; j < N.items.length; j++)
          setBit(passN, j, ((failing >> j) & 1) === 0);
        nationalDecisions.set(
          failing,
          (dn = decision(evN.decide({ ...pN, pass: passN }))),
        );
      }
      const weak =
        RANK[dp.class!]! > RANK[dn.class!]! ||
        MODE[dp.mode!]! > MODE[dn.mode!]!;
      if (weak) best = cost;
    }
  }
  return best;
}
