// The CLI as a user runs it: check, test, explain and compile on real files, exact output and exit codes.
// `check` runs as the built program (bin/fenlei.js, the bundle a user installs); the other commands
// run in-process (cli/run.ts: the same output and exit codes, test/cli/run.test.ts), without a process start each.
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { writeFileSync, readFileSync, existsSync, copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fenlei } from '../cli/helpers.js';
import { testDir } from '../fixtures/temp-dir.js';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'fenlei.js');

function run(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

async function inProcess(args: string[], cwd = ROOT) {
  const r = await fenlei(args, { cwd });
  return { code: r.code, out: r.stdout, err: r.stderr };
}

const BAD_PROVINCE = `元数据:
  名称: 测试细则
  地区: 测试省
  版本: "1"
  生效日期: 2026-01-01
  基于: national
项目:
  - 编号: "2.1"
    内容: 生产许可证在有效期内
    答案: 发现问题/未发现问题
    细化: "2"
分类:
  A:
    全部条件:
      - 名称: 通过率
        条件: 通过率 >= 85%
`;

describe('fenlei check', () => {
  it('prints file:line:col code message for each problem and exits 1', () => {
    const dir = testDir('cli');
    writeFileSync(join(dir, 'p.yaml'), BAD_PROVINCE);
    const r = run(['check', 'p.yaml'], dir);
    expect(r.code).toBe(1);
    expect(r.out.trimEnd().split('\n')).toEqual([
      'p.yaml:8:9 FL3002 错误：国家项目“2”是C类指向型（★），其细化子项目“2.1”也必须是指向型',
      'p.yaml:16:13 FL3003 错误：A类条件“通过率”比国家规则宽松：国家为“通过率 >= 90%”，这里为“通过率 >= 85%”',
    ]);
    expect(r.err).toBe('检查完成：1 个文件，2 个错误，0 个警告。\n');
  });

  it('checks the bundled national rules clean with exit 0', () => {
    const r = run(['check', 'national']);
    expect(r.code).toBe(0);
    expect(r.out).toBe('');
  });

  it('gives JSON diagnostics with --json', () => {
    const dir = testDir('cli');
    writeFileSync(join(dir, 'p.yaml'), BAD_PROVINCE);
    const r = run(['check', 'p.yaml', '--json'], dir);
    const ds = JSON.parse(r.out) as { code: string; range: { start: { line: number; column: number } } }[];
    expect(ds.map((d) => [d.code, d.range.start.line, d.range.start.column])).toEqual([
      ['FL3002', 7, 8],
      ['FL3003', 15, 12],
    ]);
  });

  it('exits 2 with a Chinese message on a usage error', () => {
    const r = run(['check']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('错误：请给出要检查的规则文件');
  });

  it('refuses an option the command does not have, suggesting the one meant', async () => {
    const cases: [string[], string][] = [
      [['check', 'national', '--jsn'], '错误：未知选项 --jsn，是否要用 --json？ / unknown option --jsn'],
      [['eval', 'national', 'x.csv', '--job', '2'], '错误：未知选项 --job，是否要用 --jobs？ / unknown option --job'],
      [['compare', 'national', 'x.csv', '--asume', '通过'], '错误：未知选项 --asume，是否要用 --assume？ / unknown option --asume'],
      [['verify', 'national', '--colour'], '错误：未知选项 --colour / unknown option --colour'],
    ];
    for (const [args, message] of cases) {
      const r = await inProcess(args);
      expect([r.code, r.err.split('\n')[0]], args.join(' ')).toEqual([2, message]);
    }
  });

  it('reports an unreadable file as FL0001 with the file-error exit code 2', () => {
    const r = run(['check', 'no-such-file.yaml']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('no-such-file.yaml:1:1 FL0001 错误：无法读取文件：文件不存在\n');
  });
});

describe('fenlei test', () => {
  it('runs the example provinces’ cases and reports N passed, 0 failed', async () => {
    const r = await inProcess(['test', 'rules/examples']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/\n(\d+) passed, 0 failed\n$/);
    expect(Number(/(\d+) passed/.exec(r.out)![1])).toBeGreaterThanOrEqual(60);
  });

  it('shows the fields that differ for a failing case and exits 1', async () => {
    const dir = testDir('cli');
    writeFileSync(
      join(dir, 'a.test.yaml'),
      `规则: national
默认记录:
  enterprise: { name: 某企业, products: [家具] }
  inspection: { date: "2026-03-01" }
用例:
  - 名称: 两项不符合应为B（故意写错为A）
    其余项目: 通过
    记录: { id: t1, inspection: { answers: { "18": 不符合, "19": 不符合 } } }
    预期: { class: A, passed: 17 }
`,
    );
    const r = await inProcess(['test', 'a.test.yaml'], dir);
    expect(r.code).toBe(1);
    expect(r.out).toContain('✗ a.test.yaml:6 两项不符合应为B（故意写错为A）\n    class：预期 A，实际 B\n');
    expect(r.out).not.toContain('passed：预期');
    expect(r.out).toContain('0 passed, 1 failed');
  });
});

describe('fenlei explain and compile', () => {
  const record = {
    id: 'E1',
    enterprise: { name: '某电缆厂', products: ['电线电缆'] },
    inspection: {
      date: '2026-03-01',
      answers: Object.fromEntries(Array.from({ length: 19 }, (_, i) => [String(i + 1), ['8', '13', '14', '17', '18', '19'].includes(String(i + 1)) ? '符合' : '未发现问题'])),
    },
    history: { previousClass: 'B', previousReviewDate: '2025-03-01' },
  };

  it('explains a decision citing the articles, with the Art. 13 notice', async () => {
    const dir = testDir('cli');
    writeFileSync(join(dir, 'e.json'), JSON.stringify(record));
    const r = await inProcess(['explain', 'national', join(dir, 'e.json'), '--catalogue', join(ROOT, 'rules', 'examples', 'catalogues', 'national-illustrative.yaml')]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('结论：A 类，常态监管（评定类别 AA，风险等级 Ⅰ级）');
    expect(r.out).toContain('产品目录：重点工业产品质量监督目录（示例）（全国，版本 示例-2024）');
    expect(r.out).toContain('[第二十一条] 上次类别 B，不允许越级上升，每次最多上升 1 级：评定 AA 调整为 A');
    expect(r.out).toContain('[第二十条] 主要产品综合风险等级Ⅰ级（高风险，按产品目录），监管方式由责任监管调整为常态监管');
    expect(r.out).toContain('不得用于广告、宣传等商业目的');
  });

  it('compiles to an ES module that evaluates with only the runtime loaded', async () => {
    const dir = testDir('cli');
    const runtime = pathToFileURL(join(ROOT, 'dist', 'runtime', 'index.js')).href;
    const r = await inProcess(['compile', 'national', '--out-dir', dir, '--runtime', runtime]);
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, 'national.ir.json'))).toBe(true);
    const ir = JSON.parse(readFileSync(join(dir, 'national.ir.json'), 'utf8')) as { items: unknown[] };
    expect(ir.items.length).toBe(19);
    const js = readFileSync(join(dir, 'national.evaluator.mjs'), 'utf8');
    expect(js).not.toMatch(/compiler/);
    const mod = (await import(pathToFileURL(join(dir, 'national.evaluator.mjs')).href)) as { default: { evaluate: (r: unknown) => { class: string; mode: string } } };
    // The national rules list no products (D6′): the level ticked on the form decides.
    const d = mod.default.evaluate({ ...record, inspection: { ...record.inspection, riskLevel: 'Ⅰ级' } });
    expect([d.class, d.mode]).toEqual(['A', '常态监管']);
  });

  it('evaluates a CSV register with Chinese headers in any column order', async () => {
    const dir = testDir('cli');
    mkdirSync(join(dir, 'x'), { recursive: true });
    const items = Array.from({ length: 19 }, (_, i) => String(i + 1));
    const word = (id: string) => (['8', '13', '14', '17', '18', '19'].includes(id) ? '符合' : '未发现问题');
    const header = ['企业名称', '编号', '检查日期', '主要产品', ...items.map((i) => `第${i}项`), '备注'];
    const row = (id: string, fail: string[]) => ['某厂', id, '2026-03-01', '家具', ...items.map((i) => (fail.includes(i) ? (word(i) === '符合' ? '不符合' : '发现问题') : word(i))), '无'];
    writeFileSync(join(dir, 'r.csv'), [header, row('A1', []), row('A2', ['18', '19']), row('A3', ['1'])].map((r) => r.join(',')).join('\r\n') + '\r\n');
    copyFileSync(join(dir, 'r.csv'), join(dir, 'x', 'r.csv'));
    const r = await inProcess(['eval', 'national', join(dir, 'r.csv')]);
    expect(r.code).toBe(0);
    const out = r.out.trimEnd().split('\n').map((l) => JSON.parse(l) as { id: string; class: string });
    expect(out.map((o) => [o.id, o.class])).toEqual([
      ['A1', 'AA'],
      ['A2', 'B'],
      ['A3', 'C'],
    ]);
    expect(r.err).toContain('未使用的列：备注');
  });
});

describe('npm start (fenlei demo)', () => {
  it('checks, verifies, tests and classifies every example, writing decisions and reports', async () => {
    const dir = testDir('demo');
    const r = await inProcess(['demo', '--out-dir', dir]);
    expect(r.code).toBe(0);
    for (const p of ['jiangsu', 'zhejiang']) {
      const block = r.out.split('■').find((b) => b.includes(`rules/examples/${p}/rules.yaml`))!;
      expect(block).toContain('检查：✓ 无错误');
      expect(block).toMatch(/验证：✓ 已证明不比国家规则宽松/);
      expect(block).toMatch(/测试用例：✓ \d+ 个通过\n/);
      expect(block).toMatch(/240 户 → .* 错误 0/);
      expect(block).toContain(`备案报告（第十二条，可打印）已写入 ${join(dir, `${p}.report.html`)}`);
      expect(readFileSync(join(dir, `${p}.report.html`), 'utf8')).toContain('不得用于广告、宣传等商业目的');
      // One line per record after the header; a cell with several warnings holds line breaks of its own.
      const rows = readFileSync(join(dir, `${p}.decisions.csv`), 'utf8').trimEnd().split('\n').filter((l) => /^\d+,[A-Z]{2}\d{4},/.test(l));
      expect(rows.length).toBe(240);
    }
  });
});
