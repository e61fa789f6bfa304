// Name resolution and type checking of one condition: syntax tree → typed IR.
import { reportUnknownId } from '../model/nearest-id.js';
import type { Expr } from '../../grammar/expr/ast.js';
import { FUNCTIONS, findBuiltinSet, findBuiltinValue, findEventLevel, findFunction } from '../../grammar/expr/vocabulary.js';
import { MAX_FRACTION_DIGITS, NUMBER_MAX, numberInRange } from '../../grammar/expr/literals.js';
import type { IrExpr } from '../../runtime/ir.js';
import type { Reporter } from '../diagnostics/make.js';
import type { Expression } from '../syntax/ast.js';
import type { Scope } from './scope.js';
import { editDistance } from '../source/check-shape.js';

type Ty = 'bool' | 'count' | 'number' | 'ratio' | 'pct' | 'class' | 'risk' | 'string' | 'set' | 'event' | 'window' | 'level' | 'enum';

interface Typed {
  ir: IrExpr;
  ty: Ty;
  /** For sets: item indices; for events: event index; for enum facts: fact index; for windows: window. */
  set?: number[];
  fact?: number;
}

const TY_ZH: Record<Ty, [string, string]> = {
  bool: ['真假值', 'a truth value'],
  count: ['项数或次数', 'a count'],
  number: ['数值', 'a number'],
  ratio: ['通过率', 'a ratio'],
  pct: ['百分数', 'a percentage'],
  class: ['类别', 'a class'],
  risk: ['风险等级', 'a risk level'],
  string: ['文本', 'text'],
  set: ['项目集合', 'an item set'],
  event: ['事件类型', 'an event type'],
  window: ['时间窗口', 'a time window'],
  level: ['抽查级别', 'a sampling level'],
  enum: ['枚举信息', 'an enum fact'],
};

const SET_FUNCS: Record<string, 'passed' | 'failed' | 'answered' | 'ratio' | 'allPass' | 'anyFail'> = {
  通过数: 'passed',
  不通过数: 'failed',
  作答数: 'answered',
  通过率: 'ratio',
  全部通过: 'allPass',
  任一不通过: 'anyFail',
};

const NUMBER_RANGE_ZH = `0 到 ${NUMBER_MAX}，最多 ${MAX_FRACTION_DIGITS} 位小数`;
const NUMBER_RANGE_EN = `0 to ${NUMBER_MAX}, at most ${MAX_FRACTION_DIGITS} decimals`;
const PERCENT_RANGE_ZH = `0% 到 100%，最多 ${MAX_FRACTION_DIGITS} 位小数`;
const PERCENT_RANGE_EN = `0% to 100%, at most ${MAX_FRACTION_DIGITS} decimals`;
const WINDOW_MAX = { year: 100, month: 1200, day: 36500 } as const;
const WINDOW_RANGE_ZH = '近1年—近100年、近1月—近1200月、近1天—近36500天';
const WINDOW_RANGE_EN = '1–100 years, 1–1200 months, 1–36500 days';

/** A long literal shown by its start (400 digits help nobody). */
const shown = (text: string): string => (text.length > 24 ? `${text.slice(0, 20)}…（${text.length} 个字符）` : text);


export interface BindOptions {
  /**
   * The clause, when it may not read answers: a not-applicable condition decides which answers
   * count; a cross-check compares an answer with the rest of the record.
   */
  noAnswers?: { zh: string; en: string };
}

export class ExprBinder {
  constructor(
    private readonly scope: Scope,
    private readonly reporter: Reporter,
    private readonly expr: Expression,
    private readonly opts: BindOptions = {},
  ) {}

  /** Binds a condition; undefined when it has errors (already reported). */
  bindCondition(): IrExpr | undefined {
    const p = this.expr.parsed;
    for (const e of p.errors) {
      // The expression parser's fixes are full-width repairs (FL1102–FL1104): safe.
      const fix = e.fix ? [{ title: e.fix.title, edits: [{ start: this.at(e.fix.start), end: this.at(e.fix.end), newText: e.fix.newText }], safe: true }] : undefined;
      this.reporter.raw(e.code, e.message, e.messageEn, this.at(e.start), this.at(e.end), fix ? { fixes: fix } : {});
    }
    const t = this.bind(p.ast);
    if (!t) return undefined;
    if (t.ty !== 'bool') {
      this.err('FL2011', { actual: TY_ZH[t.ty][0], actualEn: TY_ZH[t.ty][1] }, p.ast);
      return undefined;
    }
    return p.errors.length ? undefined : t.ir;
  }

  private at(offset: number): number {
    const o = this.expr.offsets;
    return o[Math.max(0, Math.min(offset, o.length - 1))] ?? this.expr.loc.start;
  }

  private err(code: Parameters<Reporter['report']>[0], args: Record<string, string | number>, n: { start: number; end: number }): undefined {
    this.reporter.report(code, args, this.at(n.start), this.at(n.end));
    return undefined;
  }

  private ref(kind: Scope['references'][number]['kind'], name: string, n: { start: number; end: number }): void {
    this.scope.references.push({ kind, name, file: this.reporter.file, start: this.at(n.start), end: this.at(n.end) });
  }

  private bind(e: Expr): Typed | undefined {
    switch (e.kind) {
      case 'or':
      case 'and': {
        const xs = e.operands.map((o) => this.bindBool(o));
        if (xs.some((x) => !x)) return undefined;
        return { ir: { k: e.kind, xs: xs as IrExpr[] }, ty: 'bool' };
      }
      case 'not': {
        const x = this.bindBool(e.operand);
        return x && { ir: { k: 'not', x }, ty: 'bool' };
      }
      case 'compare':
        return this.bindCompare(e);
      case 'arith': {
        const l = this.bind(e.left);
        const r = this.bind(e.right);
        if (!l || !r) return undefined;
        for (const s of [l, r]) {
          if (s.ty !== 'count' && s.ty !== 'number') return this.err('FL2009', { op: e.op, actual: TY_ZH[s.ty][0], actualEn: TY_ZH[s.ty][1] }, e);
        }
        if (e.op === '/' && r.ir.k === 'num' && r.ir.v === 0) return this.err('FL2028', {}, e.right);
        const ty = l.ty === 'count' && r.ty === 'count' && e.op !== '/' ? 'count' : 'number';
        return { ir: { k: 'arith', op: e.op, l: l.ir, r: r.ir }, ty };
      }
      case 'neg': {
        const x = this.bind(e.operand);
        if (!x) return undefined;
        if (x.ty !== 'count' && x.ty !== 'number') return this.err('FL2009', { op: '-', actual: TY_ZH[x.ty][0], actualEn: TY_ZH[x.ty][1] }, e);
        return { ir: { k: 'arith', op: '-', l: { k: 'num', v: 0 }, r: x.ir }, ty: 'number' };
      }
      case 'number':
        if (!numberInRange(e.text, NUMBER_MAX)) return this.err('FL2050', { value: shown(e.text), range: NUMBER_RANGE_ZH, rangeEn: NUMBER_RANGE_EN }, e);
        return { ir: { k: 'num', v: e.value }, ty: 'number' };
      case 'percent':
        // A pass ratio is between 0 and 1: a percentage past 100% could never hold.
        if (!numberInRange(e.text.slice(0, -1), 100)) return this.err('FL2050', { value: shown(e.text), range: PERCENT_RANGE_ZH, rangeEn: PERCENT_RANGE_EN }, e);
        return { ir: { k: 'pct', n: e.num, d: e.den }, ty: 'pct' };
      case 'string':
        return { ir: { k: 'str', v: e.value }, ty: 'string' };
      case 'bool':
        return { ir: { k: 'bool', v: e.value }, ty: 'bool' };
      case 'class':
        return { ir: { k: 'class', v: { C: 0, B: 1, A: 2, AA: 3 }[e.value] }, ty: 'class' };
      case 'risk':
        return { ir: { k: 'risk', v: 3 - e.level }, ty: 'risk' };
      case 'item': {
        const idx = this.scope.itemIndices(e.id);
        if (!idx) {
          reportUnknownId(this.reporter, 'FL2004', e.id, this.scope.items.flatMap((it) => (it.refines ? [it.id, it.refines] : [it.id])), this.at(e.start), this.at(e.end));
          return undefined;
        }
        this.ref('item', e.id, e);
        return { ir: { k: 'allPass', set: this.scope.internSet(idx) }, ty: 'set', set: idx };
      }
      case 'set': {
        const all = new Set<number>();
        for (const el of e.elements) {
          const s = this.bind(el);
          if (!s) return undefined;
          if (s.ty !== 'set') return this.err('FL2008', { name: '[…]', index: e.elements.indexOf(el) + 1, expected: '项目或分组', expectedEn: 'an item or group' }, el);
          s.set!.forEach((i) => all.add(i));
        }
        const idx = [...all].sort((a, b) => a - b);
        return { ir: { k: 'allPass', set: this.scope.internSet(idx) }, ty: 'set', set: idx };
      }
      case 'name':
        return this.bindName(e.name, e);
      case 'call':
        return this.bindCall(e.callee, e.args, e, e.calleeSpan);
      case 'window':
        return this.err('FL2011', { actual: TY_ZH.window[0], actualEn: TY_ZH.window[1] }, e);
      case 'error':
        return undefined;
    }
  }

  private bindBool(e: Expr): IrExpr | undefined {
    const t = this.bind(e);
    if (!t) return undefined;
    if (t.ty !== 'bool') return this.err('FL2011', { actual: TY_ZH[t.ty][0], actualEn: TY_ZH[t.ty][1] }, e);
    return t.ir;
  }

  private bindName(name: string, n: { start: number; end: number }): Typed | undefined {
    const v = findBuiltinValue(name);
    if (v) {
      this.ref('value', v.zh, n);
      if (v.en === 'riskLevel') return { ir: { k: 'riskLevel' }, ty: 'risk' };
      if (v.en === 'previousClass') return { ir: { k: 'prevClass' }, ty: 'class' };
      return { ir: { k: 'first' }, ty: 'bool' };
    }
    const f = this.scope.fact(name);
    if (f) {
      this.ref('fact', f.fact.name, n);
      const ty: Ty = f.fact.type === 'bool' ? 'bool' : f.fact.type === 'number' ? 'number' : 'enum';
      return { ir: { k: 'fact', i: f.index }, ty, fact: f.index };
    }
    if (findFunction(name)) return this.bindCall(name, [], n, n);
    const b = findBuiltinSet(name);
    if (b) {
      this.ref('set', b.zh, n);
      const idx = this.builtinSet(b.en);
      return { ir: { k: 'allPass', set: this.scope.internSet(idx) }, ty: 'set', set: idx };
    }
    const g = this.scope.group(name);
    if (g) {
      this.ref('group', name, n);
      return { ir: { k: 'allPass', set: this.scope.internSet(g) }, ty: 'set', set: g };
    }
    const ev = this.scope.event(name);
    if (ev !== undefined) {
      this.ref('event', name, n);
      return { ir: { k: 'num', v: ev }, ty: 'event', fact: ev };
    }
    return this.err('FL2005', { name, hint: this.suggest(name) ?? '' }, n);
  }

  private builtinSet(en: string): number[] {
    const items = this.scope.items;
    const pick = (pred: (i: (typeof items)[number]) => boolean) => items.flatMap((it, i) => (pred(it) ? [i] : []));
    if (en === 'directive') return pick((i) => i.directive);
    if (en === 'national') return pick((i) => i.origin !== 'supplementary');
    if (en === 'supplementary') return pick((i) => i.origin === 'supplementary');
    return pick(() => true);
  }

  private suggest(name: string, functions = false): string | undefined {
    let best: string | undefined;
    let score = Infinity;
    const candidates = functions ? FUNCTIONS.flatMap((f) => [f.zh, f.en]) : this.scope.names();
    for (const c of candidates) {
      const d = editDistance(name, c);
      if (d < score) {
        score = d;
        best = c;
      }
    }
    return score <= Math.max(1, Math.floor(name.length / 2)) ? best : undefined;
  }

  private bindCall(callee: string, args: Expr[], n: { start: number; end: number }, calleeSpan: { start: number; end: number }): Typed | undefined {
    const fn = findFunction(callee);
    if (!fn) {
      if (this.scope.fact(callee) || this.scope.group(callee) || findBuiltinValue(callee)) return this.err('FL2006', { name: callee }, calleeSpan);
      return this.err('FL2005', { name: callee, hint: this.suggest(callee, true) ?? '' }, calleeSpan);
    }
    this.ref('function', fn.zh, calleeSpan);
    const min = fn.params.filter((p) => !p.optional).length;
    if (args.length < min || args.length > fn.params.length) {
      return this.err('FL2007', { name: fn.zh, expected: min === fn.params.length ? min : `${min}–${fn.params.length}`, actual: args.length }, n);
    }
    const bound: (Typed | undefined)[] = [];
    const levelAt = fn.params.findIndex((p) => p.kind === 'level');
    for (let i = 0, slot = 0; i < args.length; i++, slot++) {
      const a = args[i]!;
      if (a.kind === 'window' && a.unit !== 'review' && !(a.amount >= 1 && a.amount <= WINDOW_MAX[a.unit])) {
        return this.err('FL2050', { value: this.expr.text.slice(a.start, a.end), range: WINDOW_RANGE_ZH, rangeEn: WINDOW_RANGE_EN }, a);
      }
      const level = a.kind === 'name' ? findEventLevel(a.name) : undefined;
      // The window may be left out before a level: 发生(拒绝抽查, 省级以上).
      if (level && slot < levelAt) slot = levelAt;
      const p = fn.params[slot];
      if (!p) return this.err('FL2007', { name: fn.zh, expected: `${min}–${fn.params.length}`, actual: args.length }, n);
      const t: Typed | undefined = a.kind === 'window' ? { ir: { k: 'num', v: this.scope.internWindow({ amount: a.amount, unit: a.unit }) }, ty: 'window' } : level ? { ir: { k: 'num', v: level.mask }, ty: 'level' } : this.bind(a);
      if (!t) return undefined;
      if (level) this.ref('value', level.zh, a);
      const want: Ty = p.kind === 'item' ? 'set' : p.kind;
      if (t.ty !== want) return this.err('FL2008', { name: fn.zh, index: i + 1, expected: p.zh, expectedEn: p.en }, a);
      bound[slot] = t;
    }
    const setFn = SET_FUNCS[fn.zh];
    if (setFn || fn.zh === '通过' || fn.zh === '不通过' || fn.zh === '不适用') {
      if (this.opts.noAnswers) return this.err('FL2022', { what: this.opts.noAnswers.zh, whatEn: this.opts.noAnswers.en }, n);
      const set = bound[0]?.set ?? this.builtinSet('all');
      const sid = this.scope.internSet(set);
      const k = setFn ?? (fn.zh === '通过' ? 'allPass' : fn.zh === '不通过' ? 'anyFail' : 'na');
      const ty: Ty = fn.result === 'ratio' ? 'ratio' : fn.result === 'bool' ? 'bool' : 'count';
      return { ir: { k, set: sid }, ty };
    }
    if (fn.zh === '次数' || fn.zh === '发生') {
      const e = (bound[0]!.ir as { v: number }).v;
      const w = bound[1] ? (bound[1].ir as { v: number }).v : this.scope.internWindow({ amount: 0, unit: 'review' });
      const count: IrExpr = bound[2] ? { k: 'events', e, w, lv: (bound[2].ir as { v: number }).v } : { k: 'events', e, w };
      if (fn.zh === '次数') return { ir: count, ty: 'count' };
      return { ir: { k: 'cmp', op: '>=', t: 'num', l: count, r: { k: 'num', v: 1 } }, ty: 'bool' };
    }
    // 产品包含
    return { ir: { k: 'product', v: (bound[0]!.ir as { v: string }).v }, ty: 'bool' };
  }

  private bindCompare(e: Extract<Expr, { kind: 'compare' }>): Typed | undefined {
    const l = this.bind(e.left);
    const r = this.bind(e.right);
    if (!l || !r) return undefined;
    const num = (t: Ty) => t === 'count' || t === 'number';
    const ratioLike = (t: Ty) => t === 'ratio' || t === 'pct';
    const ordered = e.op !== '=' && e.op !== '!=';
    let t: Extract<IrExpr, { k: 'cmp' }>['t'] | undefined;
    if (ratioLike(l.ty) && ratioLike(r.ty) && (l.ty === 'ratio' || r.ty === 'ratio')) t = 'ratio';
    else if (num(l.ty) && num(r.ty)) t = 'num';
    else if (l.ty === 'class' && r.ty === 'class') t = 'class';
    else if (l.ty === 'risk' && r.ty === 'risk') t = 'risk';
    else if (l.ty === 'bool' && r.ty === 'bool' && !ordered) t = 'bool';
    else if ((l.ty === 'enum' || l.ty === 'string') && (r.ty === 'enum' || r.ty === 'string') && !ordered) {
      t = 'str';
      for (const [f, s, node] of [[l, r, e.right], [r, l, e.left]] as const) {
        if (f.ty === 'enum' && s.ir.k === 'str') {
          const fact = this.scope.facts[f.fact!]!;
          if (!fact.values.includes(s.ir.v)) this.err('FL2016', { fact: fact.name, value: s.ir.v, allowed: fact.values.join('、') }, node);
        }
      }
    }
    if (!t) {
      return this.err('FL2010', { left: TY_ZH[l.ty][0], right: TY_ZH[r.ty][0], leftEn: TY_ZH[l.ty][1], rightEn: TY_ZH[r.ty][1] }, e);
    }
    return { ir: { k: 'cmp', op: e.op, t, l: l.ir, r: r.ir }, ty: 'bool' };
  }
}
