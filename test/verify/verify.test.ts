// The verifier's results as data: the example provinces proven, diagnostics with ranges for the
// language server, what it refuses to reason about, time limits, effective-date pairs, the
// not-applicable policy, scope, day windows, the regression case it writes and the command.
import { describe, expect, it } from 'vitest';
import { writeFileSync, mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Program, nodeHost } from '../../compiler/program.js';
import { runTestFile } from '../../compiler/testing/run-tests.js';
import { verify } from '../../compiler/verify/verify.js';
import { verificationDiagnostics } from '../../compiler/verify/diagnostics.js';
import { counterexampleTest } from '../../compiler/verify/save-test.js';
import { plan } from '../../compiler/verify/versions.js';
import { resultText } from '../../compiler/verify/format.js';
import { verifyCommand } from '../../cli/commands/verify.js';
import { parseArgs } from '../../cli/args.js';
import { REPO, lineOf } from '../compiler/helpers.js';
import { readFileSync } from 'node:fs';
import { EXAMPLE, FIXTURE, withCatalogueFiles, addToSection, compileFile, essentials, nationalResult, replaceOnce, replay, verifyText } from './helpers.js';

const HEAD = (extra = '') => `元数据:\n  名称: 测试细则\n  地区: 测试省\n  版本: "1"\n  生效日期: 2026-01-01\n  基于: national\n${extra}`;

describe('the example provinces', () => {
  for (const name of ['zhejiang', 'jiangsu'] as const) {
    it(`${name} (rules/examples) is proven not weaker, with the proof as an FL4002 diagnostic`, () => {
      const program = new Program(nodeHost, REPO);
      const result = verify(program.compile(EXAMPLE(name)), program.compile('national'));
      expect(result.status).toBe('notWeaker');
      expect(result.problems).toEqual([]);
      const ds = verificationDiagnostics(result);
      expect(ds.filter((d) => d.code === 'FL4002').map((d) => [d.severity, lineOf(readFileSync(EXAMPLE(name), 'utf8'), d.range.start.line + 1)])).toEqual([['info', '元数据:']]);
      expect(ds.every((d) => d.code === 'FL4002' || d.code === 'FL4005')).toBe(true);
    });
  }

  it('reports what Zhejiang made stricter, simplest example first', () => {
    const { result } = verifyText(FIXTURE('zhejiang'));
    expect(result.stricter.map((s) => s.text)).toEqual([
      // Nationally item 2 passes for a firm with no licensed product (视为通过条件, D2′); Zhejiang's ★2.1 and
      // ★2.2 are parts of item 2 and keep that condition, so such a firm is no longer made stricter.
      '1 个补充项目（补1）不通过，其余通过（首次评定）：国家评为 AA类，本省评为 A类（国家信用监管，本省责任监管）',
      '2 个补充项目（补1、补2）不通过，其余通过（首次评定）：国家评为 AA类，本省评为 B类（国家信用监管，本省常态监管）',
      '1 个国家项目（19）不通过，1 个补充项目（补1）不通过，其余通过（首次评定）：国家评为 A类，本省评为 B类（国家责任监管，本省常态监管）',
      '7 个国家项目（8、9、10、11、13、18 等 7 项）不通过，1 个补充项目（补1）不通过，其余通过（首次评定）：国家评为 B类，本省评为 C类（国家常态监管，本省加严监管）',
      '主要产品风险等级国家未定（不在目录中）、本省Ⅰ级（例如 电动自行车用锂离子电池）：AA类企业国家信用监管，本省责任监管',
      '主要产品风险等级国家Ⅱ级、本省Ⅰ级（例如 水泥、电动自行车用锂离子电池）：AA类企业国家信用监管，本省责任监管',
    ]);
  });
});

describe('a weakness as diagnostics', () => {
  it('puts FL4001 on the first cause, the counterexample in data, and the threshold to raise on its percentage', () => {
    const text = replaceOnce(FIXTURE('jiangsu'), '条件: 通过率 >= 95%', '条件: 通过率 >= 90%');
    const { result } = verifyText(text);
    const ds = verificationDiagnostics(result);
    const main = ds.find((d) => d.code === 'FL4001')!;
    // The cause is the supplementary item 补1 diluting the ratio; the A threshold written back to the national 90% is not.
    expect([main.file, main.range.start.line + 1, main.severity]).toEqual(['p.yaml', 40, 'error']);
    expect(main.message).toBe(
      '细则比国家规则宽松：主要产品 纺织服装，Ⅲ级，首次评定，2 个国家项目（18、19）不通过，其余通过：本省 A类（责任监管），国家 B类（常态监管）——本省类别更高。原因：稀释：本省增加的 1 个项目（补1）这家企业通过，计入通过率后本省为 18/20，不计入时为 17/19',
    );
    expect(main.related!.map((r) => [r.range.start.line + 1, r.message])).toEqual([[13, '与 工业企业产品质量分类监管通用规则 2011.1 比较 / compared with 工业企业产品质量分类监管通用规则 2011.1']]);
    expect((main.data as { counterexample: { record: { inspection: { answers: Record<string, string> } } } }).counterexample.record.inspection.answers['18']).toBe('不符合');
    expect(ds.filter((d) => d.code === 'FL4009')).toEqual([]);
    expect(ds.filter((d) => d.code === 'FL4020').map((d) => [d.range.start.line + 1, d.message])).toEqual([[95, '建议：A类门槛至少为 90.01%（不通过不超过 1 项）。把 通过率 >= 90% 改为 通过率 >= 90.01%。已验证：按建议修改后不比国家规则宽松']]);
  });

  it('prints the counterexample with both decisions, the checklist, the record, the traces, the causes and the suggestion', () => {
    const { result } = verifyText(replaceOnce(FIXTURE('jiangsu'), '条件: 通过率 >= 95%', '条件: 通过率 >= 90%'));
    const text = resultText(result);
    expect(text).toMatch(/\n {2}18 +国家项目 +18 +不符合 +不符合 +企业达到规模水平/);
    for (const part of ['结论：✗ 比国家规则宽松', '通过/作答 passed/answered  18/20          17/19', '"18": "不符合"', '【分类条件 condition】', '本省 A类（须全部成立）条件“通过率”：通过率 >= 90% —— 成立', '1. p.yaml:40  稀释：本省增加的 1 个项目（补1）', '- A类门槛至少为 90.01%（不通过不超过 1 项）：把 通过率 >= 90% 改为 通过率 >= 90.01%']) {
      expect(text).toContain(part);
    }
  });
});

describe('what the verifier will not guess', () => {
  const FACTS = '企业信息:\n  - { 名称: 年产值, 类型: 数值, 默认: 0 }\n  - { 名称: 去年产值, 类型: 数值, 默认: 0 }\n';
  it.each([
    ['a number fact compared with another fact', '年产值 > 去年产值', '把数值信息与其他量比较或用于运算（只能与常数直接比较）'],
    ['a number fact in arithmetic', '年产值 * 2 > 1000', '把数值信息与其他量比较或用于运算（只能与常数直接比较）'],
    ['a number fact compared with a count', '年产值 > 不通过数', '把数值信息与其他量比较或用于运算（只能与常数直接比较）'],
    ['event counts with opposite signs', '次数(行政处罚, 近3年) - 次数(抽查不合格, 近3年) >= 1', '以正负相抵的方式组合事件次数'],
    ['event counts multiplied', '次数(行政处罚, 近3年) * 次数(抽查不合格, 近3年) >= 1', '以非线性方式（乘除）使用事件次数或数值信息'],
  ])('%s is an FL4004 error on the condition', (_name, condition, reason) => {
    const text = HEAD(FACTS) + `分类:\n  AA:\n    全部条件:\n      - 名称: 附加\n        条件: ${condition}\n`;
    const { result } = verifyText(text);
    expect(result.status).toBe('error');
    const ds = verificationDiagnostics(result);
    expect(ds.map((d) => [d.code, d.severity, d.range.start.line + 1, d.message])).toEqual([['FL4004', 'error', 14, `无法精确推理：条件“${condition}”${reason}。验证器不对此给出结论`]]);
  });

  it('partitions a number fact compared with constants exactly', () => {
    const text = HEAD(FACTS) + '分类:\n  AA:\n    全部条件:\n      - 名称: 全部通过\n        条件: 全部通过 或 年产值 >= 5000\n';
    const { result, province } = verifyText(text);
    expect(result.status).toBe('weaker');
    const { p, n } = replay(result, province);
    expect([p.class, n.class, p.failedItems.length]).toEqual(['AA', 'A', 1]);
    expect(result.counterexample!.record.enterprise.facts!['年产值']).toBeGreaterThanOrEqual(5000);
  });

  it('answers unknown, never "not weaker", when the time limit runs out', () => {
    const { result } = verifyText(FIXTURE('jiangsu'), { timeLimitMs: 0.001 });
    expect([result.status, result.reason!.zh.split('：')[0], result.reason!.en.split(':')[0]]).toEqual(['unknown', '超过时间限制', 'time limit reached']);
    expect(verificationDiagnostics(result).map((d) => [d.code, d.severity])).toEqual([['FL4003', 'warning']]);
  });

  it('stops at errors other than the national-minimum checks (FL4008)', () => {
    const { result } = verifyText(HEAD() + '分类:\n  A:\n    全部条件:\n      - 名称: 通过率\n        条件: 通过率 >= 未知名称\n');
    expect(result.status).toBe('error');
    expect(result.problems.map((p) => p.code)).toEqual(['FL4008']);
  });
});

describe('the national view of a not-applicable item', () => {
  const text = addToSection(FIXTURE('zhejiang'), '调整', '  - { 项目: "18", 不适用条件: 小微企业 }\n');
  it('a national item not applicable as a whole can fail nationally (D2′)', () => {
    expect(verifyText(text).result.status).toBe('weaker');
  });
  it('with a stated 验证假设 it counts as passing, so hiding it is not weaker — and the proof lists the assumption', () => {
    const assumed = addToSection(FIXTURE('zhejiang'), '调整', '  - { 项目: "18", 不适用条件: 小微企业, 验证假设: 小微企业在国家检查表第18项按“符合”勾选 }\n');
    const { result } = verifyText(assumed);
    expect(result.status).toBe('notWeaker');
    expect(result.assumptions.map((a) => [a.item, a.nationalId, a.text])).toEqual([['18', '18', '小微企业在国家检查表第18项按“符合”勾选']]);
  });
});

describe('national items the province does not ask', () => {
  it('a national item dropped from a complete checklist (FL3001) is answered freely nationally', () => {
    const items = Array.from({ length: 18 }, (_, i) => `  - { 编号: "${i + 1}", 内容: 项目${i + 1}, 答案: 发现问题/未发现问题${['1', '2', '12', '14', '15', '16', '17'].includes(String(i + 1)) ? ', 指向型: true' : ''} }`).join('\n');
    const { result, province } = verifyText(HEAD(`继承国家项目: 否\n项目:\n${items}\n`));
    expect(province.diagnostics.map((d) => d.code)).toContain('FL3001');
    expect(result.status).toBe('weaker');
    replay(result, province);
    expect(essentials(result)).toEqual({ kind: 'class', failed: [], nationalFailed: ['19'], events: 0, province: 'AA/信用监管', national: 'A/责任监管' });
    expect(result.counterexample!.checklist.filter((r) => r.origin === 'nationalOnly').map((r) => [r.id, r.nationalAnswer])).toEqual([['19', '不符合']]);
  });
});

describe('scope and windows', () => {
  it('a category excluded by the province alone is a weakness of kind scope', () => {
    const { result, province } = verifyText(HEAD('适用范围:\n  不适用产品: [家具]\n'));
    expect(result.status).toBe('weaker');
    replay(result, province);
    expect(essentials(result)).toEqual({ kind: 'scope', failed: [], nationalFailed: [], events: 0, province: 'null/null', national: 'AA/信用监管' });
    expect(result.counterexample!.record.enterprise.products).toEqual(['家具']);
  });

  it('day windows (dates where month lengths matter) are enumerated: a stricter AA condition is proven', () => {
    const { result } = verifyText(HEAD('分类:\n  AA:\n    全部条件:\n      - 名称: 近400天无处罚\n        条件: 非 发生(行政处罚, 近400天)\n'));
    expect(result.status).toBe('notWeaker');
  });

  it('a trigger dropped behind a day window is found with one event', () => {
    const text = HEAD('事件类型:\n  - { 名称: 行政处罚, 降级: false }\n分类:\n  AA:\n    全部条件:\n      - 名称: 近400天无处罚\n        条件: 非 发生(行政处罚, 近400天)\n');
    const { result, province } = verifyText(text);
    expect(result.status).toBe('weaker');
    replay(result, province);
    expect(essentials(result).events).toBe(1);
  });
});

describe('effective-date intervals', () => {
  const nat = (v: string, from: string, to?: string) => `元数据:\n  名称: 国家\n  地区: 全国\n  版本: "${v}"\n  生效日期: ${from}\n${to ? `  失效日期: ${to}\n` : ''}`;
  it('pairs every provincial version with every national version in force at the same time', () => {
    const p1 = compileFile(HEAD().replace('2026-01-01', '2024-01-01') + '  失效日期: 2025-01-01\n', 'p1.yaml');
    const p2 = compileFile(HEAD().replace('2026-01-01', '2025-01-01'), 'p2.yaml');
    const n1 = compileFile(nat('1', '2011-01-01', '2024-07-01'), 'n1.yaml');
    const n2 = compileFile(nat('2', '2024-07-01'), 'n2.yaml');
    const { pairs, skipped } = plan([p1, p2], [n1, n2]);
    expect(pairs.map((x) => [x.province.file, x.national.file, x.interval])).toEqual([
      ['p1.yaml', 'n1.yaml', { from: '2024-01-01', to: '2024-07-01' }],
      ['p1.yaml', 'n2.yaml', { from: '2024-07-01', to: '2025-01-01' }],
      ['p2.yaml', 'n2.yaml', { from: '2025-01-01', to: null }],
    ]);
    expect(skipped.map((x) => [x.province.file, x.national.file])).toEqual([['p2.yaml', 'n1.yaml']]);
  });
});

describe('--save-test', () => {
  it('writes a case expecting the national decision: it fails on the weak province and passes once fixed', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'fenlei-verify-'));
    try {
      const weak = replaceOnce(FIXTURE('jiangsu'), '条件: 通过率 >= 95%', '条件: 通过率 >= 90%');
      const rules = path.join(dir, 'rules.yaml');
      // The fixture's inline catalogue becomes a catalogue file beside the rules (D6′).
      const writeRules = (text: string) => {
        const moved = withCatalogueFiles(text, 'rules.yaml');
        writeFileSync(rules, moved.text);
        for (const [file, content] of Object.entries(moved.files)) writeFileSync(path.join(dir, file), content);
      };
      writeRules(weak);
      mkdirSync(path.join(dir, 'tests'));
      const program = new Program(nodeHost, dir);
      const result = verify(program.compile(rules), nationalResult());
      const testFile = path.join(dir, 'tests', 'verify.test.yaml');
      writeFileSync(testFile, counterexampleTest(result, rules, testFile)!);
      const failing = runTestFile(testFile, new Program(nodeHost, dir));
      expect(failing.cases.map((c) => [c.ok, c.differences])).toEqual([
        [
          false,
          [
            { field: 'class', expected: 'B', actual: 'A' },
            { field: 'mode', expected: '常态监管', actual: '责任监管' },
          ],
        ],
      ]);
      writeRules(FIXTURE('jiangsu'));
      expect(runTestFile(testFile, new Program(nodeHost, dir)).cases.map((c) => c.ok)).toEqual([true]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('fenlei verify', () => {
  it('proves the Jiangsu example and exits 0; --json gives results and diagnostics', () => {
    const out: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((s: string) => (out.push(s), true)) as typeof process.stdout.write;
    let code: number;
    try {
      code = verifyCommand(parseArgs([EXAMPLE('jiangsu'), '--json'], ['against', 'save-test', 'time-limit']));
    } finally {
      process.stdout.write = write;
    }
    expect(code).toBe(0);
    const json = JSON.parse(out.join('')) as { results: { status: string }[]; diagnostics: { code: string }[] };
    expect(json.results.map((r) => r.status)).toEqual(['notWeaker']);
    expect(json.diagnostics[0]!.code).toBe('FL4002');
  });
});
