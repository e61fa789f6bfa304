// Interchangeable names: only when swapping them changes no condition, on items that the search
// cannot tell apart.
import { describe, expect, it } from 'vitest';
import { interchangeable } from '../../compiler/verify/symmetry.js';
import type { IrExpr } from '../../runtime/ir.js';

const has = (v: string): IrExpr => ({ k: 'product', v });
const fact = (i: number): IrExpr => ({ k: 'fact', i });
const side = (exprs: { tag: string; expr: IrExpr }[], facts: string[] = []) => ({ exprs, factName: (i: number) => facts[i]! });
const same = () => 'k';
const tick = () => undefined;

describe('interchangeable', () => {
  it('groups the names of one 或 and keeps a name used elsewhere apart', () => {
    const s = side([
      { tag: 'class:C', expr: { k: 'or', xs: [has('甲'), has('乙'), has('丙')] } },
      { tag: 'class:AA', expr: { k: 'not', x: has('丙') } },
    ]);
    expect(interchangeable([s], 'product', ['甲', '乙', '丙', '丁'], same, tick)).toEqual([['甲', '乙'], ['丙'], ['丁']]);
  });

  it('keeps apart names on items the search tells apart (★ or not), groups them on like items', () => {
    const s = side([
      { tag: 'na|01|null|true|supplementary', expr: { k: 'not', x: has('甲') } },
      { tag: 'na|01|null|false|supplementary', expr: { k: 'not', x: has('乙') } },
      { tag: 'na|01|null|false|supplementary', expr: { k: 'not', x: has('丙') } },
    ]);
    expect(interchangeable([s], 'product', ['甲', '乙', '丙'], same, tick)).toEqual([['甲'], ['乙', '丙']]);
  });

  it('needs the same kind (scope and risk, or type and default)', () => {
    const s = side([{ tag: 'class:C', expr: { k: 'or', xs: [fact(0), fact(1)] } }], ['出口', '规上']);
    expect(interchangeable([s], 'fact', ['出口', '规上'], (n) => (n === '出口' ? 'false' : 'true'), tick)).toEqual([['出口'], ['规上']]);
    expect(interchangeable([s], 'fact', ['出口', '规上'], same, tick)).toEqual([['出口', '规上']]);
  });

  it('compares both rule sets: a name only one side reads is not swapped with one both read', () => {
    const p = side([{ tag: 'class:C', expr: { k: 'or', xs: [has('甲'), has('乙')] } }]);
    const n = side([{ tag: 'class:C', expr: has('甲') }]);
    expect(interchangeable([p, n], 'product', ['甲', '乙'], same, tick)).toEqual([['甲'], ['乙']]);
  });
});
