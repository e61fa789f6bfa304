// Numeric facts and dates in records: only decimal numbers are numbers
// (Number() would read 0x10 as 16), and a date with an impossible time is no date.
import { describe, expect, it } from 'vitest';
import { normalizeDate } from '../../cli/io/csv-record.js';
import { compileProvince, evaluatorOf, nationalRecord, recordError } from '../compiler/helpers.js';
import type { EnterpriseRecord } from '../../runtime/record.js';

const evaluator = evaluatorOf(compileProvince(`企业信息:\n  - { 名称: 年产值, 类型: 数值 }\n分类:\n  C:\n    任一条件:\n      - 名称: 产值\n        条件: 年产值 > 10\n`));
const withValue = (v: unknown): EnterpriseRecord => {
  const rec = nationalRecord();
  rec.enterprise.facts = { 年产值: v };
  return rec;
};

describe('numeric facts', () => {
  it.each(['0x10', '0b11', '0o17', 'Infinity', '-Infinity', '1_000', '1e400', ''.padEnd(400, '9')])('%s is refused (FL5010)', (v) => {
    const e = recordError(evaluator.evaluate(withValue(v)));
    expect([e.code, e.field]).toEqual(['FL5010', 'enterprise.facts.年产值']);
  });

  it.each([
    ['16', 'C'],
    [' 16 ', 'C'],
    ['1.5e1', 'C'],
    ['+16.0', 'C'],
    ['.5', 'AA'],
    ['10', 'AA'],
    ['-3', 'AA'],
  ])('%s is read as a decimal number', (v, cls) => {
    const o = evaluator.evaluate(withValue(v));
    expect('error' in o ? o.error.code : o.class).toBe(cls);
  });
});

describe('dates with a time', () => {
  it.each([
    ['2025-03-08 23:59', '2025-03-08'],
    ['2025/3/8 0:00:00', '2025-03-08'],
    ['2025年3月8日 9:05', '2025-03-08'],
  ])('%s is the date %s', (text, date) => {
    expect(normalizeDate(text)).toBe(date);
  });

  it.each(['2025-03-08T25:00', '2025-03-08 24:00', '2025-03-08 12:60', '2025/3/8 9:00:61'])('%s is left as written, so the record check refuses it (FL5007)', (text) => {
    expect(normalizeDate(text)).toBe(text);
    const rec = nationalRecord();
    rec.inspection.date = normalizeDate(text);
    const e = recordError(evaluator.evaluate(rec));
    expect([e.code, e.field]).toEqual(['FL5007', 'inspection.date']);
  });
});
