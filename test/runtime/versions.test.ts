// D10: several versions of one province; each record is decided by the version in force on its
// inspection date, the decision names it, and a date outside every version is error FL5021.
import { describe, expect, it } from 'vitest';
import { versionedEvaluator, type Outcome } from '../../runtime/index.js';
import { compileText, decision, evaluatorOf, nationalRecord, recordError } from '../compiler/helpers.js';

const head = (version: string, effective: string, expires?: string) =>
  `元数据:\n  名称: 测试省实施细则\n  地区: 测试省\n  版本: "${version}"\n  生效日期: ${effective}\n${expires ? `  失效日期: ${expires}\n` : ''}  基于: national\n`;
// 2024.1 keeps the national A threshold (90%); 2025.1 raises it to 95%.
const V2024 = head('2024.1', '2024-07-01', '2025-07-01');
const V2025 = head('2025.1', '2025-07-01') + `分类:\n  A:\n    全部条件:\n      - 名称: 通过率\n        条件: 通过率 >= 95%\n`;
const versions = versionedEvaluator([evaluatorOf(compileText(V2025, {}, 'v2025.yaml')), evaluatorOf(compileText(V2024, {}, 'v2024.yaml'))]);

// 18 of 19 pass (94.7%): A under 2024.1, B under 2025.1.
const at = (date: string) => nationalRecord(['18'], { date, id: date });
const classAndVersion = (o: Outcome) => {
  const d = decision(o);
  return [d.class, d.rulesVersion, (d.warnings ?? []).filter((w) => w.code === 'FL5110' || w.code === 'FL5111').length];
};

describe('versions in force (D10)', () => {
  it('orders the versions by 生效日期 whatever order they are given in', () => {
    expect(versions.versions.map((v) => v.ir.meta.version)).toEqual(['2024.1', '2025.1']);
  });
  it('uses the version in force on each side of the change', () => {
    expect(classAndVersion(versions.evaluate(at('2024-07-01')))).toEqual(['A', '2024.1', 0]);
    expect(classAndVersion(versions.evaluate(at('2025-06-30')))).toEqual(['A', '2024.1', 0]);
    expect(classAndVersion(versions.evaluate(at('2025-07-01')))).toEqual(['B', '2025.1', 0]);
    expect(classAndVersion(versions.evaluate(at('2026-03-01')))).toEqual(['B', '2025.1', 0]);
  });
  it('a record before every version is error FL5021 naming the versions', () => {
    expect(recordError(versions.evaluate(at('2024-06-30')))).toEqual({
      code: 'FL5021',
      field: 'inspection.date',
      message: '检查日期 2024-06-30 时《测试省实施细则》没有施行中的版本（已有版本：2024.1（2024-07-01 起，2025-07-01 失效）、2025.1（2025-07-01 起）），无法判定；请核对检查日期，或补充当时施行的那一版规则',
      messageEn: "No version of '测试省实施细则' is in force on the inspection date 2024-06-30 (versions: 2024.1 (from 2024-07-01 until 2025-07-01), 2025.1 (from 2025-07-01)); check the date or add the version then in force",
    });
  });
  it('a gap between versions is FL5021 too; a newer version supersedes one without 失效日期', () => {
    const gap = versionedEvaluator([
      evaluatorOf(compileText(head('1', '2020-01-01', '2021-01-01'), {}, 'a.yaml')),
      evaluatorOf(compileText(head('2', '2022-01-01'), {}, 'b.yaml')),
      evaluatorOf(compileText(head('3', '2023-01-01'), {}, 'c.yaml')),
    ]);
    expect(recordError(gap.evaluate(at('2021-06-01'))).code).toBe('FL5021');
    expect(decision(gap.evaluate(at('2022-12-31'))).rulesVersion).toBe('2');
    expect(decision(gap.evaluate(at('2023-01-01'))).rulesVersion).toBe('3');
  });
  it('prepare then decide (the register path) decides with the version that prepared', () => {
    const p = versions.prepare(at('2025-03-01'));
    expect('error' in p).toBe(false);
    if (!('error' in p)) expect(classAndVersion(versions.decide(p))).toEqual(['A', '2024.1', 0]);
  });
  it('an unreadable date is reported by the rules as before (FL5007), not as FL5021', () => {
    expect(recordError(versions.evaluate(at('2025-02-30'))).code).toBe('FL5007');
  });
  it('a single rule file still only warns outside its dates (FL5110)', () => {
    const single = evaluatorOf(compileText(V2024, {}, 'v2024.yaml'));
    expect(classAndVersion(single.evaluate(at('2024-06-30')))).toEqual(['A', '2024.1', 1]);
  });
});
