// FL3005 / FL3013 / FL3014 / FL3016 (compiler/checks/review.ts): 第二十一条 — no rise of more
// than one level, a base's first-classification cap and trigger drop kept, a review period
// not longer than the base's.
import { describe, expect, it } from 'vitest';
import { at, compileProvince, compileText, HEADER, spots, type Spot } from '../helpers.js';

/** Province 甲 (a.yaml) over national: first classification at most B, triggers drop 2 levels. */
const A = `元数据:
  名称: 甲省细则
  地区: 甲省
  版本: "1"
  生效日期: 2026-01-01
  基于: national
动态调整:
  首次评定上限: B
  降级级数: 2
`;
/** A file b.yaml over a.yaml (a two-level chain). */
const overA = (body: string) => compileText(HEADER.replace('基于: national', '基于: a.yaml') + body, { 'a.yaml': A }, 'b.yaml');

describe('FL3005 rise of more than one level', () => {
  it.each([
    ['最多上升级数: 2', `动态调整:\n  最多上升级数: 2\n`, [at('FL3005', 8, 11, 8, 12)]],
    ['maxRise: 3 (English)', `review:\n  maxRise: 3\n`, [at('FL3005', 8, 12, 8, 13)]],
  ] as [string, string, Spot[]][])('%s', (_n, body, expected) => {
    const r = compileProvince(body);
    expect(spots(r)).toEqual(expected);
    expect(r.diagnostics[0]!.message).toBe(`每次最多上升 ${body.trim().slice(-1)} 级，违反第二十一条“不允许越级上升”（国家规则为 1 级）`);
  });
  it.each([['最多上升级数: 1', `动态调整:\n  最多上升级数: 1\n`], ['最多上升级数: 0 (never rise)', `动态调整:\n  最多上升级数: 0\n`]])('no diagnostic: %s', (_n, body) => {
    expect(spots(compileProvince(body))).toEqual([]);
  });
});

describe('FL3013 looser first-classification cap than the base', () => {
  it('the base chain itself is clean', () => {
    expect(spots(compileText(A, {}, 'a.yaml'))).toEqual([]);
    expect(spots(overA(''))).toEqual([]);
  });
  it.each([
    ['首次评定上限: A over B', `动态调整:\n  首次评定上限: A\n`, [at('FL3013', 8, 11, 8, 12)]],
    ['首次评定上限: AA over B', `动态调整:\n  首次评定上限: AA\n`, [at('FL3013', 8, 11, 8, 13)]],
  ] as [string, string, Spot[]][])('%s', (_n, body, expected) => {
    const r = overA(body);
    expect(spots(r)).toEqual(expected);
    expect(r.diagnostics.every((d) => d.file === 'b.yaml')).toBe(true);
  });
  it('quotes both caps', () => {
    expect(overA(`动态调整:\n  首次评定上限: AA\n`).diagnostics.map((d) => d.message)).toEqual(['首次评定上限“AA”比所依据规则的“B”宽松']);
  });
  it.each([
    ['首次评定上限: B (same)', `动态调整:\n  首次评定上限: B\n`],
    ['首次评定上限: C (stricter)', `动态调整:\n  首次评定上限: C\n`],
    ['other review fields only (cap inherited)', `动态调整:\n  调整周期月数: 6\n`],
  ])('no diagnostic: %s', (_n, body) => {
    expect(spots(overA(body))).toEqual([]);
  });
  it('a province over national may set any cap', () => {
    expect(spots(compileProvince(`动态调整:\n  首次评定上限: AA\n`))).toEqual([]);
  });
});

describe('FL3014 smaller trigger drop than the base', () => {
  it('降级级数: 1 over a base with 2', () => {
    const r = overA(`动态调整:\n  降级级数: 1\n`);
    expect(spots(r)).toEqual([at('FL3014', 8, 9, 8, 10)]);
    expect(r.diagnostics[0]!.message).toBe('降级级数 1 小于所依据规则的 2（第二十一条）');
  });
  it.each([
    ['降级级数: 2 (same)', `动态调整:\n  降级级数: 2\n`],
    ['降级级数: 3 (stricter)', `动态调整:\n  降级级数: 3\n`],
  ])('no diagnostic: %s', (_n, body) => {
    expect(spots(overA(body))).toEqual([]);
  });
});

describe('FL3016 longer review period (warning)', () => {
  it.each([
    ['调整周期月数: 24', `动态调整:\n  调整周期月数: 24\n`, [at('FL3016', 8, 11, 8, 13)]],
    ['调整周期月数: 13 in flow style', `动态调整: { 调整周期月数: 13 }\n`, [at('FL3016', 7, 17, 7, 19)]],
  ] as [string, string, Spot[]][])('%s', (_n, body, expected) => {
    const r = compileProvince(body);
    expect(spots(r)).toEqual(expected);
    expect(r.diagnostics[0]!.severity).toBe('warning');
    expect(r.ok).toBe(true);
  });
  it.each([
    ['12 months', `动态调整:\n  调整周期月数: 12\n`],
    ['6 months', `动态调整:\n  调整周期月数: 6\n`],
  ])('no diagnostic: %s', (_n, body) => {
    expect(spots(compileProvince(body))).toEqual([]);
  });
});
