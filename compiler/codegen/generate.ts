// Stage 7: IR → JavaScript. Conditions become straight-line code over bit words.
// Nothing from a rule file reaches the output except through JSON.stringify.
import type { IrExpr, RuleSetIR } from '../../runtime/ir.js';

const lit = (v: unknown): string => JSON.stringify(v);

class Emitter {
  readonly used = new Set<number>();
  constructor(private readonly ir: RuleSetIR) {}

  expr(e: IrExpr): string {
    switch (e.k) {
      case 'or':
        return `(${e.xs.map((x) => this.expr(x)).join(' || ')})`;
      case 'and':
        return `(${e.xs.map((x) => this.expr(x)).join(' && ')})`;
      case 'not':
        return `!${this.expr(e.x)}`;
      case 'cmp':
        return this.compare(e);
      case 'arith':
        return `(${this.expr(e.l)} ${e.op} ${this.expr(e.r)})`;
      case 'num':
        return `(${lit(e.v)})`;
      case 'bool':
        return lit(e.v);
      case 'str':
        return lit(e.v);
      case 'class':
      case 'risk':
        return lit(e.v);
      case 'pct':
        return `(${lit(e.n)} / ${lit(e.d)})`;
      case 'passed':
        return this.count('P', e.set);
      case 'answered':
        return this.count('A', e.set);
      case 'failed':
        return `(${this.count('A', e.set)} - ${this.count('P', e.set)})`;
      case 'allPass':
        return `(${this.count('P', e.set)} === ${this.count('A', e.set)})`;
      case 'anyFail':
        return `(${this.count('P', e.set)} !== ${this.count('A', e.set)})`;
      case 'ratio': {
        const [n, d] = this.ratio(e);
        return `(${n} / ${d})`;
      }
      case 'na': {
        const mask = this.ir.sets[e.set]!;
        return `(${mask.map((m, w) => (m === 0 ? 'true' : `((n[${w}] & ${m | 0}) === ${m | 0})`)).join(' && ')})`;
      }
      case 'events':
        // Most enterprises have no events of a type: no call then.
        if (e.lv !== undefined) return `(p.events[${lit(e.e)}].length === 0 ? 0 : countEventsAt(p.events[${lit(e.e)}], p.eventLevels[${lit(e.e)}], p.win[${lit(e.w)}], p.day, ${lit(e.lv)}))`;
        return `(p.events[${lit(e.e)}].length === 0 ? 0 : countEvents(p.events[${lit(e.e)}], p.win[${lit(e.w)}], p.day))`;
      case 'fact':
        return `p.facts[${lit(e.i)}]`;
      case 'riskLevel':
        return '(3 - p.risk)';
      case 'prevClass':
        return 'p.prev';
      case 'first':
        return '(p.prev < 0)';
      case 'product':
        return `p.products.includes(${lit(e.v)})`;
    }
  }

  private count(kind: 'P' | 'A', set: number): string {
    this.used.add(set);
    return `${kind}${set}`;
  }

  /** Ratios as (numerator, denominator) so comparisons are exact; 0/0 counts as 100%. */
  private ratio(e: IrExpr): [string, string] {
    if (e.k === 'pct') return [lit(e.n), lit(e.d)];
    if (e.k === 'ratio') {
      const a = this.count('A', e.set);
      const p = this.count('P', e.set);
      return [`(${a} === 0 ? 1 : ${p})`, `(${a} === 0 ? 1 : ${a})`];
    }
    return [this.expr(e), '1'];
  }

  private compare(e: Extract<IrExpr, { k: 'cmp' }>): string {
    const op = e.op === '=' ? '===' : e.op === '!=' ? '!==' : e.op;
    if (e.t === 'ratio') {
      const [ln, ld] = this.ratio(e.l);
      const [rn, rd] = this.ratio(e.r);
      return `(${ln} * ${rd} ${op} ${rn} * ${ld})`;
    }
    const s = `(${this.expr(e.l)} ${op} ${this.expr(e.r)})`;
    if (e.t === 'class' && (e.l.k === 'prevClass' || e.r.k === 'prevClass')) return `(p.prev >= 0 && ${s})`;
    return s;
  }

  /** Per used set: A = applicable items, P = applicable items answered “pass”. */
  prelude(): string {
    const lines: string[] = [];
    const words = this.ir.words;
    for (let w = 0; w < words; w++) lines.push(`  const a${w} = ~n[${w}], p${w} = p.pass[${w}] & a${w};`);
    for (const s of [...this.used].sort((a, b) => a - b)) {
      const mask = this.ir.sets[s]!;
      const A = mask.flatMap((m, w) => (m === 0 ? [] : [`pc(${m | 0} & a${w})`]));
      const P = mask.flatMap((m, w) => (m === 0 ? [] : [`pc(${m | 0} & p${w})`]));
      lines.push(`  const A${s} = ${A.join(' + ') || '0'}, P${s} = ${P.join(' + ') || '0'};`);
    }
    return lines.join('\n');
  }
}

/** The evaluator's functions; `lib` is the runtime library. */
function generateCore(ir: RuleSetIR): string {
  const order = ['C', 'AA', 'A', 'B'] as const;
  const em = new Emitter(ir);
  const conds = order.map((cls) => ir.classification[cls].map((c) => em.expr(c.when)));
  const naEm = new Emitter(ir);
  const naLines = ir.items.flatMap((it, i) => (it.na ? [`  if (${naEm.expr(it.na)}) n[${i >> 5}] |= ${(1 << (i & 31)) | 0};`] : []));
  const checkEm = new Emitter(ir);
  // Only an item answered as passing is cross-checked: the condition is not evaluated otherwise.
  const checkLines = ir.items.flatMap((it, i) => (it.check ? [`  if ((p.pass[${i >> 5}] & ${(1 << (i & 31)) | 0}) !== 0 && !(${checkEm.expr(it.check.when)})) c[${i >> 5}] |= ${(1 << (i & 31)) | 0};`] : []));
  // 视为不通过条件 / 视为通过条件 (D8, D2′): they read no answers, so they are settled first.
  const forceEm = new Emitter(ir);
  const bit = (i: number) => `${i >> 5}] |= ${(1 << (i & 31)) | 0}`;
  const forceLines = ir.items.flatMap((it, i) => [
    ...(it.failsWhen ? [`  if (${forceEm.expr(it.failsWhen.when)}) { any = true; F[${bit(i)}; }`] : []),
    ...(it.passesWhen ? [`  if (${forceEm.expr(it.passesWhen.when)}) { any = true; T[${bit(i)}; }`] : []),
  ]);
  const [cC, cAA, cA, cB] = conds as [string[], string[], string[], string[]];
  const all = (xs: string[]) => (xs.length ? xs.join(' && ') : 'true');
  const any = (xs: string[]) => (xs.length ? xs.join(' || ') : 'false');
  const prelude = em.prelude();
  return `const { pc, countEvents, countEventsAt } = lib;
const ir = ${lit(ir)};
const NONE = new Int32Array(${ir.words});
function na(p) {
${naLines.length ? `  const n = new Int32Array(${ir.words});\n${naLines.join('\n')}\n  return n;` : '  return NONE;'}
}
// Reused: decide() reads the bits before anything else calls checks() (no allocation per record).
const CHECKED = new Int32Array(${ir.words});
function checks(p) {
${checkLines.length ? `  const c = CHECKED;\n${Array.from({ length: ir.words }, (_, w) => `  c[${w}] = 0;`).join('\n')}\n${checkLines.join('\n')}\n  return c;` : '  return NONE;'}
}
// Reused like CHECKED: decide() copies what it keeps before the next call.
const FORCED = { fail: new Int32Array(${ir.words}), pass: new Int32Array(${ir.words}) };
function forced(p) {
${forceLines.length ? `  const F = FORCED.fail, T = FORCED.pass;\n  F.fill(0);\n  T.fill(0);\n  let any = false;\n${forceLines.join('\n')}\n  return any ? FORCED : null;` : '  return null;'}
}
function assess(p, n) {
${prelude}
  if (${any(cC)}) return 0;
  if (${all(cAA)}) return 3;
  if (${all(cA)}) return 2;
  if (${all(cB)}) return 1;
  return 0;
}
function conditions(p, n) {
${prelude}
  return [${[...cC, ...cAA, ...cA, ...cB].join(', ')}];
}
`;
}

/** The body of a function of `lib`, for loading in-process with `new Function`. */
export function generateBody(ir: RuleSetIR): string {
  return `"use strict";\n${generateCore(ir)}return lib.defineEvaluator(ir, { na, checks, forced, assess, conditions });\n`;
}

/** A standalone ES module that needs only the runtime library. */
export function generateModule(ir: RuleSetIR, runtimeSpecifier = 'fenlei/runtime'): string {
  const body = generateCore(ir);
  return `// 由 fenlei 生成，请勿手工修改。Generated by fenlei; do not edit.
import * as lib from ${lit(runtimeSpecifier)};
${body}
export const rules = ir;
export const evaluator = lib.defineEvaluator(ir, { na, checks, forced, assess, conditions });
export default evaluator;
`;
}

/**
 * Parts of conditions that read no answers (facts, products, risk level, event counts), as one
 * function of a prepared record returning their values in order: the verifier evaluates the
 * parts of conditions with the very code the evaluator runs. The body is a function of `lib`.
 */
export function generateValuesBody(ir: RuleSetIR, exprs: readonly IrExpr[]): string {
  const em = new Emitter(ir);
  const values = exprs.map((e) => em.expr(e));
  if (em.used.size) throw new Error('internal: a part of a condition read answers');
  return `"use strict";\nconst { countEvents, countEventsAt } = lib;\nreturn function values(p) {\n  return [${values.join(', ')}];\n};\n`;
}
