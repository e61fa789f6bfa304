// The province's documents from the database: 第十二条's report and the region map count the same
// figures as `fenlei report` over the same register, a draft compared with the stored registers
// gives what `fenlei compare` gives over the file, and a county sees only its own regions.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildReport } from '../../cli/commands/report.js';
import { emptyCompare } from '../../cli/format/compare-data.js';
import { compareRecord } from '../../cli/io/compare-eval.js';
import { readRecords } from '../../cli/io/read-records.js';
import { registerSchema } from '../../cli/io/register-columns.js';
import { loadVersions } from '../../cli/load-rules.js';
import { dayNumber } from '../../runtime/index.js';
import { publishCatalogue } from '../../server/domain/catalogues.js';
import { as, addUser, buildTestApp, countyRows, register, signIn, uploadCsv, type Row } from './api.js';
import { describeOnBackend } from './backends.js';

const EXAMPLES = join(import.meta.dirname, '../../rules/examples');
const HANGZHOU = '330110';
const JINHUA = '330782';
// Rows k of a county: ★1 fails every 7th (C), one item every 5th (A), three every 11th (B).
const fails = (k: number) => (k % 7 === 0 ? ['1'] : k % 5 === 0 ? ['3'] : k % 11 === 0 ? ['4', '5', '6'] : []);

describeOnBackend('reports from the database', (db) => {
  let app: FastifyInstance;
  let province: ReturnType<typeof as>;
  let county: ReturnType<typeof as>;
  let dir: string;
  let rows: Row[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fenlei-reports-'));
    app = await buildTestApp(db());
    await addUser(db(), 'zj', 'province', ['330000']);
    await addUser(db(), 'yuhang', 'county', [HANGZHOU]);
    province = as(app, await signIn(app, 'zj'));
    county = as(app, await signIn(app, 'yuhang'));
    rows = [...countyRows(HANGZHOU, 40, '2025-03-01', fails), ...countyRows(JINHUA, 23, '2025-04-01', (k) => (k % 3 === 0 ? ['1'] : []))];
    const up = await uploadCsv(province, register(rows), 'y1.csv');
    expect([up.statusCode, up.json().stored]).toEqual([200, 63]);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('counts the Art. 12 report as fenlei report counts the same register', async () => {
    const path = join(dir, 'y1.csv');
    writeFileSync(path, register(rows));
    const national = loadVersions(['national'], undefined, true);
    const cli = (await buildReport({ ir: national.result.ir!, file: 'national' }, national.evaluator!, path, { today: dayNumber('2025-12-31') })).data;
    const got = (await province({ url: '/api/reports/art12?periodStart=2025-01-01&periodEnd=2025-12-31' })).json();
    const figures = (d: typeof cli | typeof got.data) => ({ records: d.records, decided: d.decided, outOfScope: d.outOfScope, errors: d.errors, byClass: d.byClass, byMode: d.byMode, byRisk: d.byRisk, changes: d.changes });
    expect(figures(got.data)).toEqual(figures(cli));
    expect(got.data.byClass).toEqual({ AA: 40, A: 6, B: 3, C: 14 });
    expect(got.data.cities).toEqual([...cli.cities.values()]);
    const byName = (a: [string, string[]], b: [string, string[]]) => a[0].localeCompare(b[0]);
    expect(got.data.cList.map((c: { name: string; reasons: string[] }) => [c.name, c.reasons]).sort(byName)).toEqual(cli.cList.map((c): [string, string[]] => [c.name, c.reasons]).sort(byName));
    expect(got.versions).toEqual([{ region: '000000', version: '2011.1', name: expect.any(String), decisions: 63 }]);
    const page = await province({ url: '/api/reports/art12.html?periodStart=2025-01-01&periodEnd=2025-12-31' });
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('工业企业产品质量分类情况备案报告');
    // Another period holds none of these decisions.
    expect((await province({ url: '/api/reports/art12?periodStart=2024-01-01&periodEnd=2024-12-31' })).json().data.records).toBe(0);
  });

  it('names fewer in the lists when asked, with the same figures; says when a period is not whole years', async () => {
    const year = 'periodStart=2025-01-01&periodEnd=2025-12-31';
    const all = (await province({ url: `/api/reports/art12?${year}` })).json();
    const two = (await province({ url: `/api/reports/art12?${year}&listed=2` })).json();
    expect([all.wholeYears, all.data.cList.length, two.data.cList.length]).toEqual([true, 14, 2]);
    expect(two.data.cList).toEqual(all.data.cList.slice(0, 2));
    expect({ ...two.data, cList: [] }).toEqual({ ...all.data, cList: [] });
    // The same decisions over a period that is not whole years (found per enterprise): the same figures.
    const part = (await province({ url: '/api/reports/art12?periodStart=2025-02-01&periodEnd=2025-12-31' })).json();
    expect([part.wholeYears, part.data]).toEqual([false, all.data]);
    expect((await province({ url: `/report?${year}` })).body).not.toContain('data-partial-years');
    expect((await province({ url: '/report?periodStart=2025-02-01&periodEnd=2025-12-31' })).body).toContain('data-partial-years');
    expect((await province({ url: `/api/reports/art12?${year}&listed=5001` })).statusCode).toBe(400);
  });

  it('draws the region map by city, coloured by the share of C', async () => {
    const map = (await province({ url: '/api/reports/region-map?periodStart=2025-01-01&periodEnd=2025-12-31' })).json();
    expect(map.level).toBe('city');
    expect(map.regions.map((r: { code: string; total: number; byClass: { C: number }; colour: string }) => [r.code, r.total, r.byClass.C, r.colour])).toEqual([
      ['3301', 40, 6, '#e0b000'],
      ['3307', 23, 8, '#d23c3c'],
    ]);
    expect(map.svg).toContain('data-region="3301"');
    const county6 = (await province({ url: '/api/reports/region-map?periodStart=2025-01-01&periodEnd=2025-12-31&level=county&thresholds=10,20,30' })).json();
    expect(county6.regions.map((r: { code: string; colour: string }) => [r.code, r.colour])).toEqual([
      [HANGZHOU, '#2f6fd0'],
      [JINHUA, '#d23c3c'],
    ]);
  });

  it("keeps a county to its own regions, and the province's tools to the province", async () => {
    const own = (await county({ url: '/api/reports/art12?periodStart=2025-01-01&periodEnd=2025-12-31' })).json();
    expect([own.data.records, own.data.counties.map((c: { key: string }) => c.key)]).toEqual([40, [HANGZHOU]]);
    expect((await county({ url: `/api/reports/region-map?region=${JINHUA}` })).statusCode).toBe(403);
    expect((await county({ method: 'POST', url: '/api/reports/compare', payload: { yaml: 'x' } })).statusCode).toBe(403);
  });

  it('compares a draft with the stored registers as fenlei compare does with the file', async () => {
    // The draft names its catalogues (产品目录): they are published first.
    await publishCatalogue(db(), null, { region: '000000', fileName: 'national-illustrative.yaml', yaml: readFileSync(join(EXAMPLES, 'catalogues/national-illustrative.yaml'), 'utf8') });
    await publishCatalogue(db(), null, { region: '330000', fileName: 'zhejiang-2024.yaml', yaml: readFileSync(join(EXAMPLES, 'zhejiang/catalogues/zhejiang-2024.yaml'), 'utf8') });
    const yaml = readFileSync(join(EXAMPLES, 'zhejiang/rules.yaml'), 'utf8');
    const got = (await province({ method: 'POST', url: '/api/reports/compare', payload: { yaml, region: '330000', assume: 'pass' } })).json();

    const draft = loadVersions([join(EXAMPLES, 'zhejiang/rules.yaml')], undefined, true);
    const against = loadVersions(['national'], undefined, true);
    const path = join(dir, 'y1.csv');
    writeFileSync(path, register(rows));
    const cli = emptyCompare();
    for await (const input of readRecords(path, 'csv', registerSchema([draft.evaluator!.ir, against.evaluator!.ir]), { skippedBlank: 0, extraColumns: [] })) {
      compareRecord(cli, { draft: draft.evaluator!, against: against.evaluator! }, { raw: input.raw, position: input.position, error: input.error, name: '' }, { today: dayNumber('2025-12-31'), assume: 'pass' });
    }
    expect([got.records, got.moved, got.up, got.down, got.modeChanged]).toEqual([cli.records, cli.moved, cli.up, cli.down, cli.modeChanged]);
    expect(got.classMatrix).toEqual(cli.classMatrix);
    expect(got.modeMatrix).toEqual(cli.modeMatrix);
    expect(got.records).toBe(63);
    expect(got.after.assumedRecords).toBe(63);
    expect(got.notes[0]).toMatch(/^草案下 63 户有登记表中没有答案的项目，按“通过”计/);
    expect(got.against).toEqual([{ region: '000000', version: '2011.1', name: expect.any(String), records: 63 }]);
    const bad = await province({ method: 'POST', url: '/api/reports/compare', payload: { yaml: '元数据: [', region: '330000' } });
    expect([bad.statusCode, bad.json().error.code]).toEqual([422, 'checkFailed']);
    const page = await province({ method: 'POST', url: '/api/reports/compare.html', payload: { yaml, region: '330000', assume: 'pass' } });
    expect(page.body).toContain('实施细则草案影响分析');
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await app.inject({ url: '/api/openapi.json' })).json() as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/reports/art12', '/api/reports/art12.html', '/api/reports/region-map', '/api/reports/compare', '/api/reports/compare.html']));
  });
});
