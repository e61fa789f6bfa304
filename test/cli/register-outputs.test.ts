// Issue 12, points 5–7 and 9: what `eval` and `report` write for a register made here (not by
// the project's generator): error rows keep whose they are, every problem of a row is named by
// its register column, the report's counts agree with eval's decisions, and last year's
// decisions fill this year's history, in one thread and in several.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { CsvReader, csvLine } from '../../cli/io/csv.js';
import { cli, fenlei, scratch, TODAY } from './helpers.js';

const ITEMS = Array.from({ length: 19 }, (_, i) => String(i + 1));
const STAR = new Set(['1', '2', '12', '14', '15', '16', '17']);
/** The register's header as a county writes it: ★ on the directive items. */
const HEADER = ['编号', '企业名称', '统一社会信用代码', '行政区划代码', '主要产品', '检查日期', '监督检查形式', '风险等级', '上次类别', '上次评定日期', '事件', ...ITEMS.map((id) => (STAR.has(id) ? `★${id}` : id))];

interface Row {
  id: string;
  name: string;
  credit?: string;
  region?: string;
  date?: string;
  form?: string;
  /** Risk level as ticked on the form (default `Ⅲ`, the Roman numeral alone: the national rules have no catalogue, D6′). */
  risk?: string;
  prev?: string;
  prevDate?: string;
  events?: string;
  product?: string;
  /** Answers by item id; every other item passes. */
  answers?: Record<string, string>;
}

function line(r: Row): string {
  const answers = ITEMS.map((id) => r.answers?.[id] ?? '未发现问题');
  return csvLine([r.id, r.name, r.credit ?? '', r.region ?? '330106', r.product ?? '家具', r.date ?? '2026-03-01', r.form ?? '定期监督检查', r.risk ?? 'Ⅲ', r.prev ?? '', r.prevDate ?? '', r.events ?? '', ...answers]);
}

const register = (rows: Row[]) => '\uFEFF' + csvLine(HEADER) + rows.map(line).join('');

function parseCsv(text: string): string[][] {
  const r = new CsvReader();
  const rows = r.push(text.replace(/^\uFEFF/, ''));
  rows.push(...r.end());
  return rows.map((x) => x.cells);
}

/** A CSV's rows as header → cell maps. */
function records(path: string): Record<string, string>[] {
  const [head, ...rows] = parseCsv(readFileSync(path, 'utf8'));
  return rows.map((r) => Object.fromEntries(head!.map((h, i) => [h, r[i] ?? ''])));
}

let dir: string;
beforeAll(() => {
  dir = scratch('register-outputs');
});

describe('point 5: an error row keeps the register’s identifying columns', () => {
  it('a malformed 事件 cell (FL5003) keeps id, credit code, name, region and date in the decisions, the errors file and the xlsx', async () => {
    const input = join(dir, '事件.csv');
    writeFileSync(input, register([{ id: 'E1', name: '杭州甲家具有限公司', credit: '91330106MA27XL0F9P', region: '330106', events: '抽查不合格2025-06-01' }]));
    const out = join(dir, '事件.csv.out.csv');
    const r = await fenlei(['eval', 'national', input, '--out', out, '--today', TODAY]);
    expect(r.code, r.stderr).toBe(0);
    const [d] = records(out);
    expect([d!['编号 id'], d!['企业名称 name'], d!['统一社会信用代码 creditCode'], d!['行政区划代码 region'], d!['检查日期 date'], d!['错误代码 errorCode'], d!['错误字段 errorField']]).toEqual([
      'E1',
      '杭州甲家具有限公司',
      '91330106MA27XL0F9P',
      '330106',
      '2026-03-01',
      'FL5003',
      '事件（history.events）',
    ]);
    const errs = records(join(dir, '事件.csv.out.errors.csv'));
    expect(errs.map((e) => [e['行号 row'], e['编号 id'], e['企业名称 name'], e['统一社会信用代码 creditCode'], e['行政区划代码 region'], e['登记表列 column'], e['字段 field'], e['错误代码 code'], e['说明 message']])).toEqual([
      ['2', 'E1', '杭州甲家具有限公司', '91330106MA27XL0F9P', '330106', '事件', 'history.events', 'FL5003', '事件“抽查不合格2025-06-01”应写成“类型@YYYY-MM-DD”或“类型@YYYY-MM-DD@级别”'],
    ]);
    expect(errs[0]!['说明（英文） messageEn']).toBe("Event '抽查不合格2025-06-01' should be written type@YYYY-MM-DD or type@YYYY-MM-DD@level");

    const xlsx = join(dir, '事件.xlsx');
    expect((await fenlei(['eval', 'national', input, '--out', xlsx, '--today', TODAY])).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const row = (sheet: string, n: number) => (wb.getWorksheet(sheet)!.getRow(n).values as unknown[]).slice(1, 7);
    expect(row('判定结果', 2)).toEqual([2, 'E1', '杭州甲家具有限公司', '91330106MA27XL0F9P', '330106', '2026-03-01']);
    expect(row('错误', 2)).toEqual([2, 'E1', '杭州甲家具有限公司', '91330106MA27XL0F9P', '330106', '事件']);

    const jl = join(dir, '事件.jsonl');
    expect((await fenlei(['eval', 'national', input, '--out', jl, '--today', TODAY])).code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, '事件.errors.jsonl'), 'utf8'))).toEqual({
      row: 2,
      id: 'E1',
      name: '杭州甲家具有限公司',
      creditCode: '91330106MA27XL0F9P',
      region: '330106',
      column: '事件',
      field: 'history.events',
      code: 'FL5003',
      message: '事件“抽查不合格2025-06-01”应写成“类型@YYYY-MM-DD”或“类型@YYYY-MM-DD@级别”',
      messageEn: "Event '抽查不合格2025-06-01' should be written type@YYYY-MM-DD or type@YYYY-MM-DD@level",
    });
  });
});

describe('point 7: every problem of a row, by register column and field', () => {
  const bad: Row = { id: 'M1', name: '乙家具厂', risk: '四级', prev: 'D', answers: { '1': '合格', '7': '' } };
  const want = [
    ['FL5013', '风险等级', 'inspection.riskLevel', '风险等级“四级”无效，应为 Ⅰ级、Ⅱ级、Ⅲ级'],
    ['FL5012', '上次类别', 'history.previousClass', '上次类别“D”无效，应为 AA、A、B、C 或留空'],
    ['FL5006', '★1', 'inspection.answers.1', '项目“1”的答案“合格”无法识别，应为：未发现问题、发现问题、符合、不符合、不适用（或 pass/fail/na）'],
    ['FL5005', '7', 'inspection.answers.7', '项目“7”没有填写答案'],
  ];

  it('one output row, four problems in the terminal (JSON Lines), the decisions CSV and the errors CSV (one line each)', async () => {
    const input = join(dir, '多错.csv');
    writeFileSync(input, register([bad, { id: 'OK1', name: '丙家具厂' }]));
    const t = await fenlei(['eval', 'national', input, '--today', TODAY]);
    expect(t.code, t.stderr).toBe(0);
    const lines = t.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string; error?: unknown; errors?: { code: string; column: string; field: string; message: string }[] });
    expect(lines.map((l) => l.id)).toEqual(['M1', 'OK1']);
    expect(lines[0]!.error).toEqual({ code: 'FL5013', field: 'inspection.riskLevel', column: '风险等级', message: want[0]![3], messageEn: "Risk level '四级' should be Ⅰ级, Ⅱ级 or Ⅲ级" });
    expect(lines[0]!.errors!.map((e) => [e.code, e.column, e.field, e.message])).toEqual(want);

    const out = join(dir, '多错.out.csv');
    expect((await fenlei(['eval', 'national', input, '--out', out, '--today', TODAY])).code).toBe(0);
    const d = records(out);
    expect(d.length).toBe(2);
    expect(d[0]!['错误代码 errorCode']).toBe('FL5013\nFL5012\nFL5006\nFL5005');
    expect(d[0]!['错误字段 errorField']).toBe('风险等级（inspection.riskLevel）\n上次类别（history.previousClass）\n★1（inspection.answers.1）\n7（inspection.answers.7）');
    expect(d[0]!['错误说明 errorMessage']).toBe(want.map((w) => w[3]).join('\n'));
    const errs = records(join(dir, '多错.out.errors.csv'));
    expect(errs.map((e) => [e['行号 row'], e['编号 id'], e['错误代码 code'], e['登记表列 column'], e['字段 field'], e['说明 message']])).toEqual(want.map((w) => ['2', 'M1', w[0], w[1], w[2], w[3]]));
  });

  it('the parallel path writes the same bytes', async () => {
    const input = join(dir, '多错-并行.csv');
    writeFileSync(input, register(Array.from({ length: 40 }, (_, i) => (i % 3 === 0 ? { ...bad, id: `M${i}` } : { id: `OK${i}`, name: `家具厂${i}` }))));
    const one = join(dir, 'one.csv');
    const four = join(dir, 'four.csv');
    expect((await fenlei(['eval', 'national', input, '--out', one, '--today', TODAY, '--jobs', '1'])).code).toBe(0);
    expect(cli(['eval', 'national', input, '--out', four, '--today', TODAY, '--jobs', '3'], { env: { FENLEI_PIECE_BYTES: '600' } }).code).toBe(0);
    expect(readFileSync(four)).toEqual(readFileSync(one));
    expect(readFileSync(join(dir, 'four.errors.csv'))).toEqual(readFileSync(join(dir, 'one.errors.csv')));
    expect(records(join(dir, 'one.errors.csv')).length).toBe(14 * 4);
  });
});

describe('point 6: the report’s counts are eval’s decisions', () => {
  // All items pass (assessed AA) unless said otherwise; 家具 is Ⅲ级; a trigger event after the previous review.
  const rows: Row[] = [
    { id: 'T1', name: 'C类保持', prev: 'C', prevDate: '2025-03-01', events: '抽查不合格@2025-06-01' }, // C → C: held by the trigger, no downgrade
    { id: 'T2', name: 'A类降级', prev: 'A', prevDate: '2025-03-01', events: '抽查不合格@2025-06-01' }, // A → B: a real downgrade
    { id: 'T3', name: 'B类上升', prev: 'B', prevDate: '2025-03-01' }, // B → A (capped)
    { id: 'T4', name: 'A类上升', prev: 'A', prevDate: '2025-03-01' }, // A → AA
    { id: 'T5', name: 'AA类持平', prev: 'AA', prevDate: '2025-03-01' }, // AA → AA
    { id: 'T6', name: '首次评定', answers: { '3': '发现问题' } }, // first, A
    { id: 'T7', name: 'B类下降', prev: 'B', prevDate: '2025-03-01', answers: { '1': '发现问题' } }, // ★1 fails: C, a fall with no trigger
    { id: 'T8', name: '出错', answers: { '5': '合格' } },
    { id: 'T9', name: '食品厂', product: '食品' }, // outside the Measures (第二条)
    { id: 'T10', name: '电线厂', product: '电线电缆', risk: 'Ⅰ级（高风险）', region: '320102', prev: 'A', prevDate: '2025-03-01' }, // Ⅰ级: mode one step stricter
  ];

  it('every figure of the report, and 其中：因降级情形降级 counts only enterprises that fell', async () => {
    const input = join(dir, '报告.csv');
    writeFileSync(input, register(rows));
    const out = join(dir, '报告.csv.out.csv');
    expect((await fenlei(['eval', 'national', input, '--out', out, '--today', TODAY])).code).toBe(0);
    const decisions = records(out);
    const html = join(dir, '报告.html');
    const r = await fenlei(['report', 'national', input, '--out', html, '--today', TODAY]);
    expect(r.code, r.stderr).toBe(0);
    const page = readFileSync(html, 'utf8');
    const tableRows = (cls: string) =>
      [...(new RegExp(`<table class="${cls}">([\\s\\S]*?)</table>`).exec(page)?.[1] ?? '').matchAll(/<tr>(.*?)<\/tr>/g)].map((m) => [...m[1]!.matchAll(/<t[dh][^>]*>(.*?)<\/t[dh]>/g)].map((c) => c[1]!.replace(/<[^>]+>/g, '')));

    const rank = (c: string) => ['C', 'B', 'A', 'AA'].indexOf(c);
    const prevOf = new Map(rows.map((x) => [x.id, x.prev ?? '']));
    const judged = decisions.filter((d) => d['类别 class']);
    const moved = (f: (now: number, before: number) => boolean) => judged.filter((d) => prevOf.get(d['编号 id']!) && f(rank(d['类别 class']!), rank(prevOf.get(d['编号 id']!)!))).length;
    const changes = Object.fromEntries(tableRows('changes').slice(1).map((c) => [c[0]!.trim(), Number(c[1])]));
    expect(changes).toEqual({
      上升: moved((a, b) => a > b),
      持平: moved((a, b) => a === b),
      下降: moved((a, b) => a < b),
      '其中：因降级情形降级': 1,
      '其中：因降级情形保持C类': 1,
      '受“不允许越级上升”限制': 2,
      首次评定: judged.filter((d) => !prevOf.get(d['编号 id']!)).length,
    });
    // The figures exactly, as the rows were designed.
    expect(judged.map((d) => `${d['编号 id']}:${d['类别 class']}`)).toEqual(['T1:C', 'T2:B', 'T3:A', 'T4:AA', 'T5:AA', 'T6:A', 'T7:C', 'T10:AA']);
    expect([changes['上升'], changes['持平'], changes['下降']]).toEqual([3, 2, 2]);
    // The cards, and the counts by mode and by risk level.
    const figure = (k: string) => Number(new RegExp(`data-figure="${k}">([\\d,]+)<`).exec(page)![1]!.replace(/,/g, ''));
    expect([figure('登记企业'), figure('已分类'), figure('不适用本办法（第二条）'), figure('无法判定（记录有误）'), figure('C类企业')]).toEqual([
      decisions.length,
      judged.length,
      decisions.filter((d) => d['适用本办法 inScope'] === '否').length,
      decisions.filter((d) => d['错误代码 errorCode']).length,
      judged.filter((d) => d['类别 class'] === 'C').length,
    ]);
    expect([figure('登记企业'), figure('不适用本办法（第二条）'), figure('无法判定（记录有误）')]).toEqual([10, 1, 1]);
    for (const m of tableRows('by-mode').slice(1)) expect(Number(m[1]), m[0]).toBe(judged.filter((d) => d['监管方式 mode'] === m[0]).length);
    for (const m of tableRows('by-risk').slice(1)) expect(Number(m[1]), m[0]).toBe(judged.filter((d) => d['风险等级 riskLevel'] && m[0]!.startsWith(d['风险等级 riskLevel']!)).length);
    expect(tableRows('by-risk').slice(1).map((m) => Number(m[1]))).toEqual([1, 0, 7]);
    expect(tableRows('trigger-list').slice(1).map((c) => c[1])).toEqual(['T2']);
    // Class counts, the transition matrix and the C list.
    const byClass = tableRows('by-class').slice(1, 5).map((c) => Number(c[1]));
    expect(byClass).toEqual(['AA', 'A', 'B', 'C'].map((c) => judged.filter((d) => d['类别 class'] === c).length));
    const matrix = tableRows('transition').slice(1);
    for (const m of matrix) {
      const p = m[0]!.replace(' 类', '');
      ['AA', 'A', 'B', 'C'].forEach((c, k) => expect(Number(m[k + 1]), `${p} → ${c}`).toBe(judged.filter((d) => (prevOf.get(d['编号 id']!) || '首次评定') === p && d['类别 class'] === c).length));
    }
    expect(tableRows('c-list').slice(1).map((c) => c[1])).toEqual(judged.filter((d) => d['类别 class'] === 'C').map((d) => d['编号 id']));
    expect(tableRows('c-list')[1]![7]).toContain('保持上次 C 类，不上升');
    expect(tableRows('error-list').slice(1).map((c) => [c[1], c[3], c[4]])).toEqual([['T8', '5 inspection.answers.5', decisions.find((d) => d['编号 id'] === 'T8')!['错误说明 errorMessage'] + '（FL5006）']]);
  });
});

describe('point 9: last year’s decisions as history', () => {
  const lastYear: Row[] = [
    { id: 'H1', name: '甲', credit: '91330106MA27XL0F9P', date: '2025-03-10' },
    { id: 'H2', name: '乙', date: '2025-04-02', answers: { '1': '发现问题' } },
    { id: 'H3', name: '丙', date: '2025-05-20', answers: { '3': '发现问题' } },
  ];
  // This year: H1 renumbered (found by its credit code), H2 by its id, H3 typed a different class by hand, H4 new.
  const thisYear: Row[] = [
    { id: 'N1', name: '甲', credit: '91330106MA27XL0F9P', date: '2026-03-01' },
    { id: 'H2', name: '乙', date: '2026-03-02' },
    { id: 'H3', name: '丙', date: '2026-03-03', prev: 'B', prevDate: '2025-05-20' },
    { id: 'H4', name: '丁', date: '2026-03-04' },
  ];

  for (const ext of ['csv', 'xlsx', 'jsonl'] as const) {
    it(`fills 上次类别 and 上次评定日期 from a previous ${ext} output, counts the matches and warns where the register differs`, async () => {
      const last = join(dir, `去年.csv`);
      writeFileSync(last, register(lastYear));
      const previous = join(dir, `去年判定.${ext}`);
      expect((await fenlei(['eval', 'national', last, '--out', previous, '--today', TODAY])).code).toBe(0);
      const input = join(dir, `今年-${ext}.csv`);
      writeFileSync(input, register(thisYear));
      const r = await fenlei(['eval', 'national', input, '--history', previous, '--today', TODAY, '--trace']);
      expect(r.code, r.stderr).toBe(0);
      const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string; class: string; trace: { step: string; text: string }[]; warnings?: { code: string; field: string; message: string }[] });
      // Last year: H1 AA (first classification), H2 C (★1), H3 A.
      const review = (o: (typeof out)[number]) => o.trace.find((s) => s.step === 'review')!.text;
      if (ext === 'jsonl') {
        // JSON Lines decisions carry neither credit code nor date: matched by id only.
        expect(r.stderr).toContain(`上次判定结果 ${previous}：2 户找到上次类别（按统一社会信用代码 0，按编号 2），2 户没有（按首次评定或登记表所填）；1 户登记表自填的上次类别或日期与之不同，已按上次判定结果（警告 FL5130）。`);
        // H2: no previous date, a review (D4′): C → B; H3: A, the register's 2025-05-20 under 12 months ago, not a review: stays A.
        expect(out.map((o) => o.class)).toEqual(['AA', 'B', 'A', 'AA']);
      } else {
        expect(r.stderr).toContain(`上次判定结果 ${previous}：3 户找到上次类别（按统一社会信用代码 1，按编号 2），1 户没有（按首次评定或登记表所填）；1 户登记表自填的上次类别或日期与之不同，已按上次判定结果（警告 FL5130）。`);
        // N1: previous AA → AA; H4 first. The previous dates are last year's inspection dates, under
        // 12 months ago, so this is no review (D4′) and no class rises: H2 stays C, H3 stays A (not the register's B).
        expect(out.map((o) => o.class)).toEqual(['AA', 'C', 'A', 'AA']);
        // Last year's inspection date of H2 as its previous review date (the class C shows its previous class).
        expect(review(out[1]!)).toContain('距上次评定（2025-04-02）不满调整周期 12 个月');
      }
      expect(out[2]!.warnings).toEqual([
        { code: 'FL5130', field: 'history.previousClass', message: `登记表的上次类别“B”与上次判定结果（去年判定.${ext}）的“A”不同，按上次判定结果`, messageEn: `The register's previous class 'B' differs from the previous decisions (去年判定.${ext}): 'A' used` },
      ]);
      expect(out[3]!.warnings).toBeUndefined();

      // The parallel path fills the same history and writes the same bytes.
      const one = join(dir, `hist-one-${ext}.csv`);
      const many = join(dir, `hist-many-${ext}.csv`);
      const a = await fenlei(['eval', 'national', input, '--history', previous, '--today', TODAY, '--out', one, '--jobs', '1']);
      const b = cli(['eval', 'national', input, '--history', previous, '--today', TODAY, '--out', many, '--jobs', '2'], { env: { FENLEI_PIECE_BYTES: '300' } });
      expect(readFileSync(many)).toEqual(readFileSync(one));
      const summary = (s: string) => s.split('\n').find((l) => l.startsWith('上次判定结果'));
      expect(summary(b.stderr)).toBe(summary(a.stderr));
    });
  }

  it('the previous review date comes from the decision’s inspection date', async () => {
    const previous = join(dir, '去年判定.csv');
    const input = join(dir, '今年-日期.csv');
    writeFileSync(input, register([{ id: 'H2', name: '乙', date: '2026-03-02', prevDate: '2025-01-01' }]));
    const r = await fenlei(['eval', 'national', input, '--history', previous, '--today', TODAY]);
    const o = JSON.parse(r.stdout) as { warnings: { field: string; message: string }[] };
    expect(o.warnings.map((w) => [w.field, w.message])).toEqual([['history.previousReviewDate', '登记表的上次评定日期“2025-01-01”与上次判定结果（去年判定.csv）的“2025-04-02”不同，按上次判定结果']]);
  });

  it('refuses a file that is no eval output', async () => {
    const bogus = join(dir, '不是判定.csv');
    writeFileSync(bogus, 'a,b\n1,2\n');
    const r = await fenlei(['eval', 'national', join(dir, '今年-日期.csv'), '--history', bogus, '--today', TODAY]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('中没有“编号”和“类别”列');
  });
});
