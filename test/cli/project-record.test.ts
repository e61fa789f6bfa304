// fenlei compare: a register record seen under the other rule set (cli/io/project-record.ts).
import { describe, expect, it } from 'vitest';
import { projectRecord } from '../../cli/io/project-record.js';
import { fenlei, rules, scratch, TODAY, ZHEJIANG } from './helpers.js';
import { join } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';

const zj = rules(ZHEJIANG).ir;
const national = rules('national').ir;
const NATIONAL_IDS = Array.from({ length: 19 }, (_, i) => String(i + 1));

/** A national register row: every item passes except `failed`. */
function nationalRow(failed: string[]) {
  const answers = Object.fromEntries(NATIONAL_IDS.map((id) => [id, failed.includes(id) ? '发现问题' : '未发现问题']));
  return { id: 'QY1', enterprise: { name: '测试企业' }, inspection: { date: '2026-03-01', answers } };
}
const answersOf = (p: { record: unknown }) => (p.record as { inspection: { answers: Record<string, string> } }).inspection.answers;

describe('projecting a national register row onto a province', () => {
  it('without --assume: only what the answers settle (parts of a passed item pass)', () => {
    const p = projectRecord(nationalRow(['6']), zj, national);
    expect(p.assumed).toEqual([]);
    expect(Object.keys(answersOf(p)).filter((k) => !NATIONAL_IDS.includes(k))).toEqual(['2.1', '2.2', '4.1', '4.2']);
    expect([answersOf(p)['2.1'], answersOf(p)['4.2']]).toEqual(['未发现问题', '未发现问题']);
  });

  it('--assume pass: a failed item keeps exactly one failed part, the first', () => {
    const p = projectRecord(nationalRow(['6']), zj, national, 'pass');
    const a = answersOf(p);
    expect([a['6.1'], a['6.2'], a['6.3'], a['补1'], a['补2'], a['补3'], a['补4']]).toEqual(['发现问题', '未发现问题', '未发现问题', '未发现问题', '符合', '符合', '未发现问题']);
    expect(p.assumed).toEqual(['6.1', '6.2', '6.3', '补1', '补2', '补3', '补4']);
    // Seen nationally again, the record is the one the register describes.
    const back = answersOf(projectRecord(p.record, national, zj));
    expect(NATIONAL_IDS.filter((id) => back[id] === '发现问题')).toEqual(['6']);
  });

  it('--assume pass: a failed item whose failed part the register names keeps only that one', () => {
    const row = nationalRow(['6']);
    (row.inspection.answers as Record<string, string>)['6.2'] = '发现问题';
    const p = projectRecord(row, zj, national, 'pass');
    const a = answersOf(p);
    expect([a['6.1'], a['6.2'], a['6.3']]).toEqual(['未发现问题', '发现问题', '未发现问题']);
    expect(p.assumed).toEqual(['6.1', '6.3', '补1', '补2', '补3', '补4']);
  });

  it('--assume fail: every unanswered item fails; parts of a passed item still pass', () => {
    const a = answersOf(projectRecord(nationalRow(['6']), zj, national, 'fail'));
    expect([a['2.1'], a['6.1'], a['6.2'], a['6.3'], a['补1'], a['补2']]).toEqual(['未发现问题', '发现问题', '发现问题', '发现问题', '发现问题', '不符合']);
  });

  it('a province row seen nationally: a refined item fails when one part fails, passes when all pass', () => {
    const answers: Record<string, string> = Object.fromEntries(zj.items.map((it) => [it.id, it.pair === 'conform' ? '符合' : '未发现问题']));
    answers['6.2'] = '发现问题';
    const a = answersOf(projectRecord({ id: 'QY2', enterprise: { name: '乙' }, inspection: { date: '2026-03-01', answers } }, national, zj));
    expect(Object.keys(a)).toEqual(NATIONAL_IDS);
    expect([a['2'], a['4'], a['6']]).toEqual(['未发现问题', '未发现问题', '发现问题']);
  });
});

describe('fenlei compare over a register without the draft’s items', () => {
  const dir = scratch('compare-assume');
  const register = join(dir, 'national.csv');
  const header = ['编号', '企业名称', '检查日期', ...NATIONAL_IDS];
  const row = (id: string, failed: string[]) => [id, `企业${id}`, '2026-03-01', ...NATIONAL_IDS.map((i) => (failed.includes(i) ? (['8', '13', '14', '17', '18', '19'].includes(i) ? '不符合' : '发现问题') : ['8', '13', '14', '17', '18', '19'].includes(i) ? '符合' : '未发现问题'))].join(',');
  writeFileSync(register, [header.join(','), row('QY1', []), row('QY2', ['6']), row('QY3', ['18', '19'])].join('\n') + '\n');

  it('says which answers are missing, and with --assume which were assumed, on the terminal and in the report', async () => {
    const plain = await fenlei(['compare', ZHEJIANG, register, '--out', join(dir, 'a.html'), '--today', TODAY]);
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stdout).toContain('注意：草案下 3 户缺少答案而无法判定（计入“错误”），首个缺少的项目：补1（2 户）、6.1（1 户）；可加 --assume 通过 或 --assume 不通过 估计。');
    const assumed = await fenlei(['compare', ZHEJIANG, register, '--out', join(dir, 'b.html'), '--today', TODAY, '--assume', '通过']);
    expect(assumed.code, assumed.stderr).toBe(0);
    expect(assumed.stdout).toContain('注意：草案下 3 户有登记表中没有答案的项目，按“通过”计：补1（3 户）、补2（3 户）、补3（3 户）、补4（3 户）、6.1（1 户）、6.2（1 户）、6.3（1 户）。');
    expect(assumed.stdout).not.toContain('错误');
    const html = readFileSync(join(dir, 'b.html'), 'utf8');
    expect(html).toContain('<div class="assumptions" role="note"><strong>登记表中没有的答案</strong><p>草案下 3 户有登记表中没有答案的项目，按“通过”计：补1（3 户）');
    const bad = await fenlei(['compare', ZHEJIANG, register, '--assume', '也许']);
    expect([bad.code, bad.stderr.split('\n')[0]]).toEqual([2, '错误：--assume 应为“通过”或“不通过”（pass / fail）：也许']);
  });
});
