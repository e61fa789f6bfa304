// Numbers that overflow: out-of-range literals are compile errors that
// state the allowed range (FL2050); nothing becomes Infinity, NaN or null in the IR.
import { describe, expect, it } from 'vitest';
import { compileProvince, irOf } from '../helpers.js';

const FACT = `企业信息:\n  - { 名称: 年产值, 类型: 数值, 默认: 0 }\n`;
const condition = (expr: string, facts = FACT): string => `${facts}分类:\n  C:\n    任一条件:\n      - 名称: 下限\n        条件: ${expr}\n`;
const messages = (body: string): string[] => compileProvince(body).diagnostics.map((d) => `${d.code} ${d.message}`);

describe('number literals out of range (FL2050)', () => {
  it('a 400-digit percentage', () => {
    expect(messages(condition(`通过率 >= 1${'0'.repeat(400)}%`))).toEqual([
      'FL2050 数值“10000000000000000000…（402 个字符）”超出范围，应为 0% 到 100%，最多 6 位小数',
    ]);
  });

  it('a fact compared with a number that would be Infinity', () => {
    expect(messages(condition(`年产值 > 1${'0'.repeat(400)}`))).toEqual(['FL2050 数值“10000000000000000000…（401 个字符）”超出范围，应为 0 到 1000000000000，最多 6 位小数']);
  });

  it.each([
    ['10000000000001', '数值“10000000000001”超出范围，应为 0 到 1000000000000，最多 6 位小数'],
    ['0.1234567', '数值“0.1234567”超出范围，应为 0 到 1000000000000，最多 6 位小数'],
  ])('年产值 > %s', (n, message) => {
    expect(messages(condition(`年产值 > ${n}`))).toEqual([`FL2050 ${message}`]);
  });

  it('a percentage over 100% or with too many decimals', () => {
    expect(messages(condition('通过率 < 100.5% 或 通过率 < 66.6666667%'))).toEqual([
      'FL2050 数值“100.5%”超出范围，应为 0% 到 100%，最多 6 位小数',
      'FL2050 数值“66.6666667%”超出范围，应为 0% 到 100%，最多 6 位小数',
    ]);
  });

  it('a time window beyond a century', () => {
    expect(messages(condition('次数(抽查不合格, 近1000年) > 0 或 次数(抽查不合格, 近99999999999999999999天) > 0'))).toEqual([
      'FL2050 数值“近1000年”超出范围，应为 近1年—近100年、近1月—近1200月、近1天—近36500天',
      'FL2050 数值“近99999999999999999999天”超出范围，应为 近1年—近100年、近1月—近1200月、近1天—近36500天',
    ]);
  });

  it('a fact default that YAML reads as Infinity', () => {
    expect(messages(condition('年产值 > 1', '企业信息:\n  - { 名称: 年产值, 类型: 数值, 默认: 1e400 }\n'))).toEqual(['FL2050 数值“1e400”超出范围，应为 -1000000000000 到 1000000000000']);
  });

  it('the limits themselves are accepted and stored exactly', () => {
    const ir = irOf(compileProvince(condition('年产值 > 1000000000000 或 年产值 < 0.000001 或 通过率 < 66.666666% 或 通过率 <= 100% 或 次数(抽查不合格, 近100年) > 0')));
    // Fact 2: the national rules declare 涉及行政许可 and 持有生产许可证 first (D2′).
    expect(ir.classification.C.at(-1)!.when).toEqual({
      k: 'or',
      xs: [
        { k: 'cmp', op: '>', t: 'num', l: { k: 'fact', i: 2 }, r: { k: 'num', v: 1000000000000 } },
        { k: 'cmp', op: '<', t: 'num', l: { k: 'fact', i: 2 }, r: { k: 'num', v: 0.000001 } },
        { k: 'cmp', op: '<', t: 'ratio', l: { k: 'ratio', set: 0 }, r: { k: 'pct', n: 66666666, d: 100000000 } },
        { k: 'cmp', op: '<=', t: 'ratio', l: { k: 'ratio', set: 0 }, r: { k: 'pct', n: 100, d: 100 } },
        { k: 'cmp', op: '>', t: 'num', l: { k: 'events', e: 2, w: 1 }, r: { k: 'num', v: 0 } },
      ],
    });
  });
});
