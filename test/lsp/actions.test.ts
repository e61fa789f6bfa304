// Formatting, code actions built from the merged model, and the background verifier
// (with a stand-in verifier module: the real one plugs in through the same two exports).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LspClient, applyEdits, uriOf, REPO } from './client.js';
import { PROVINCE } from './fixtures.js';
import { resolve } from 'node:path';

const r = (sl: number, sc: number, el: number, ec: number) => ({ start: { line: sl, character: sc }, end: { line: el, character: ec } });
type Action = { title: string; kind: string; isPreferred?: boolean; diagnostics?: { code: string }[]; edit: { changes?: Record<string, Parameters<typeof applyEdits>[1]>; documentChanges?: unknown[] } };

let c: LspClient;
beforeAll(async () => {
  c = new LspClient();
  await c.initialize({ verifier: { module: resolve(REPO, 'test/lsp/fixtures/fake-verifier.mjs'), delayMs: 500 } });
});
afterAll(async () => {
  await c.close();
});

describe('formatting', () => {
  const uri = uriOf('test-output/lsp/actions/format.yaml');
  const messy = PROVINCE.replace('元数据:\n  名称: 测试细则', '元数据:\n  名称:   测试细则   # 名称后的注释').replace('通过率 >= 95%', "'ratio>=95%  and  not anyFail(directive)'").replace('非 出口企业', '非(出口企业)');
  it('lays out with prettier, prints each condition from its tree, keeps comments, and is idempotent', async () => {
    await c.open(uri, messy);
    const edits = await c.request<Parameters<typeof applyEdits>[1]>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
    const formatted = applyEdits(messy, edits);
    expect(formatted.split('\n').filter((l, i) => l !== messy.split('\n')[i])).toEqual([
      '  名称: 测试细则 # 名称后的注释',
      '    不适用条件: 非出口企业',
      '        条件: "ratio >= 95% and not anyFail(directive)"',
    ]);
    const v = await c.change(uri, [{ text: formatted }]);
    expect((await c.nextDiagnostics(uri, v)).diagnostics.map((d) => d.code)).toEqual(['FL3011']);
    expect(await c.request('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } })).toEqual([]);
    await c.closeDocument(uri);
  });
});

describe('cross-checks (核对条件) in the editor', () => {
  it('are printed from their tree by formatting, and highlighted as conditions', async () => {
    const uri = uriOf('test-output/lsp/actions/cross-check.yaml');
    const text = `元数据:\n  名称: 测试细则\n  地区: 测试省\n  版本: "1"\n  生效日期: 2026-01-01\n  基于: national\n项目:\n  - 编号: 补1\n    内容: 近1年内无抽查不合格。\n    答案: 符合/不符合\n    核对条件: 次数(抽查不合格,近1年)<1\n`;
    await c.open(uri, text);
    const edits = await c.request<Parameters<typeof applyEdits>[1]>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
    expect(applyEdits(text, edits).split('\n')[10]).toBe('    核对条件: 次数(抽查不合格, 近1年) < 1');
    const { data } = await c.request<{ data: number[] }>('textDocument/semanticTokens/full', { textDocument: { uri } });
    // Tokens are [Δline, Δstart, length, type, modifiers]: all of them on line 10, the condition.
    const lines: number[] = [];
    for (let i = 0, line = 0; i < data.length; i += 5) lines.push((line += data[i]!));
    expect([...new Set(lines)]).toEqual([10]);
    expect(data.length / 5).toBeGreaterThanOrEqual(4);
    await c.closeDocument(uri);
  });
});

describe('a misspelt item id', () => {
  it('the nearest id is in the message and offered as a quick fix (not in fix-all: a guess)', async () => {
    const uri = uriOf('test-output/lsp/actions/nearest-id.yaml');
    const text = `元数据:\n  名称: 测试细则\n  地区: 测试省\n  版本: "1"\n  生效日期: 2026-01-01\n  基于: national\n调整:\n  - 项目: l2\n    指向型: true\n`;
    const { diagnostics } = await c.open(uri, text);
    expect(diagnostics.map((d) => [d.code, d.range, d.message])).toEqual([
      ['FL2017', r(7, 8, 7, 10), "调整的国家项目“l2”不存在，是否应为“12”？\nAdjusted national item 'l2' does not exist; did you mean '12'?"],
    ]);
    const actions = await c.request<Action[]>('textDocument/codeAction', { textDocument: { uri }, range: r(7, 9, 7, 9), context: { diagnostics } });
    expect(actions.map((a) => [a.title, a.kind])).toEqual([["改为“12” (did you mean '12'?)", 'quickfix']]);
    expect(applyEdits(text, actions[0]!.edit.changes![uri]!).split('\n')[7]).toBe('  - 项目: "12"');
    await c.closeDocument(uri);
  });
});

describe('code actions from the merged model', () => {
  it('add a missing national item (a complete checklist without item 19)', async () => {
    const uri = uriOf('test-output/lsp/actions/complete.yaml');
    const items = Array.from({ length: 18 }, (_, i) => `  - 编号: "${i + 1}"\n    内容: 第${i + 1}项。\n    答案: 发现问题/未发现问题${[1, 2, 12, 14, 15, 16, 17].includes(i + 1) ? '\n    指向型: true' : ''}\n`).join('');
    const text = `元数据:\n  名称: 完整清单\n  地区: 测试省\n  版本: "1"\n  生效日期: 2026-01-01\n  基于: national\n继承国家项目: false\n项目:\n${items}`;
    const { diagnostics } = await c.open(uri, text);
    expect(diagnostics.map((d) => [d.code, d.range])).toEqual([['FL3001', r(6, 0, 6, 6)], ['FL3009', r(7, 0, 7, 2)]]);
    const actions = await c.request<Action[]>('textDocument/codeAction', { textDocument: { uri }, range: r(6, 0, 6, 0), context: { diagnostics } });
    expect(actions.map((a) => a.title)).toEqual(['添加国家第19项 / add national item 19']);
    const fixed = applyEdits(text, actions[0]!.edit.changes![uri]!);
    expect(fixed.slice(text.length - 1)).toBe('\n  - 编号: "19"\n    内容: 获得名牌产品、政府质量奖、标准创新贡献奖、标准化良好行为企业等质量奖励和荣誉。\n    答案: 符合/不符合\n    依据: 通用规则第（二）部分第19项\n    检查方式: [查阅资料]\n');
    const v = await c.change(uri, [{ text: fixed }]);
    expect((await c.nextDiagnostics(uri, v)).diagnostics).toEqual([]);
    await c.closeDocument(uri);
  });

  it('star every sub-item of a ★ item', async () => {
    const uri = uriOf('test-output/lsp/actions/star.yaml');
    const text = PROVINCE.replaceAll('    指向型: true\n', '');
    const { diagnostics } = await c.open(uri, text);
    expect(diagnostics.map((d) => [d.code, d.range])).toEqual([['FL3002', r(12, 8, 12, 13)], ['FL3002', r(16, 8, 16, 13)]]);
    const actions = await c.request<Action[]>('textDocument/codeAction', { textDocument: { uri }, range: r(12, 9, 12, 9), context: { diagnostics } });
    expect(actions.map((a) => a.title)).toEqual(['设为指向型（★）', '将第2项（★）的全部子项目设为指向型 / star every sub-item of ★ item 2']);
    const fixed = applyEdits(text, actions[1]!.edit.changes![uri]!);
    expect(fixed).toBe(PROVINCE.replaceAll('    指向型: true\n', '').replace('编号: "2.1"', '编号: "2.1"\n    指向型: true').replace('编号: "2.2"', '编号: "2.2"\n    指向型: true'));
    const v = await c.change(uri, [{ text: fixed }]);
    expect((await c.nextDiagnostics(uri, v)).diagnostics).toEqual([]);
    await c.closeDocument(uri);
  });

  it('raise a threshold to the national minimum', async () => {
    const uri = uriOf('test-output/lsp/actions/threshold.yaml');
    const text = PROVINCE.replace('通过率 >= 95%', '通过率 >= 85%');
    const { diagnostics } = await c.open(uri, text);
    expect(diagnostics.map((d) => [d.code, d.range, d.message.split('\n')[0]])).toEqual([['FL3003', r(37, 12, 37, 22), 'A类条件“通过率”比国家规则宽松：国家为“通过率 >= 90%”，这里为“通过率 >= 85%”']]);
    const actions = await c.request<Action[]>('textDocument/codeAction', { textDocument: { uri }, range: r(37, 15, 37, 15), context: { diagnostics } });
    expect(actions.map((a) => [a.title, a.isPreferred])).toEqual([['提高到国家门槛“通过率 >= 90%” / raise to the national threshold', true]]);
    expect(actions[0]!.edit.changes![uri]).toEqual([{ range: r(37, 12, 37, 22), newText: '通过率 >= 90%' }]);
    await c.closeDocument(uri);
  });
});

describe('background verifier', () => {
  const uri = uriOf('test-output/lsp/actions/verify.yaml');
  it('runs once after a burst of edits (debounced, earlier runs cancelled) and publishes with the front end', async () => {
    const before = (await c.request<{ verifier: Record<string, number> }>('fenlei/stats', {})).verifier;
    const first = await c.open(uri, PROVINCE);
    expect(first.diagnostics).toEqual([]);
    let v = 0;
    for (const pct of ['96%', '97%', '98%']) v = await c.replace(uri, /9\d%/.exec(c.text(uri).split('\n')[37]!)![0], pct, '条件: 通过率');
    const verified = await c.nextDiagnostics(uri, v, (p) => p.diagnostics.some((d) => d.code === 'FL4001'));
    expect(verified).toEqual({
      version: 4,
      diagnostics: [
        {
          range: r(37, 12, 37, 22),
          severity: 1,
          code: 'FL4001',
          source: 'fenlei',
          message: '细则比国家规则宽松：反例企业在本细则为A类，在国家规则为B类（第1次验证）\nThe rules are weaker than national: the counterexample is A here and B nationally (run 1)',
          relatedInformation: [
            { location: { uri, range: r(37, 12, 37, 22) }, message: '反例：第3项、第18项不通过，其余通过 / counterexample: items 3 and 18 fail' },
            { location: { uri: uriOf('rules/national/national.yaml'), range: r(0, 0, 0, 0) }, message: '国家规则判为B类 / class B nationally' },
          ],
          data: expect.anything(),
        },
      ],
    });
    const after = (await c.request<{ verifier: Record<string, number> }>('fenlei/stats', {})).verifier;
    // The runs for versions 1–3 were cancelled before they started; version 4 ran once.
    expect({ started: after.started! - before.started!, published: after.published! - before.published!, cancelled: after.cancelled! - before.cancelled! }).toEqual({ started: 1, published: 1, cancelled: 3 });
  });

  it('an edit while it runs cancels it: only the latest version is published', async () => {
    const before = (await c.request<{ verifier: Record<string, number> }>('fenlei/stats', {})).verifier;
    const slowRuns = (stderr: string) => stderr.split('fake verifier: slow run').length - 1;
    const slowBefore = slowRuns(c.stderr);
    const v1 = await c.replace(uri, '98%', '99% # 慢');
    // Wait until the (slow) run for v1 has started, then edit: the edit cancels it.
    await c.stderrUntil((s) => slowRuns(s) > slowBefore);
    const v2 = await c.replace(uri, '99% # 慢', '95%');
    const published = await c.nextDiagnostics(uri, v2, (p) => p.diagnostics.some((d) => d.code === 'FL4001'));
    // The cancelled run stopped in its thread, which stays warm: the stand-in counts on (run 2 was
    // cancelled, run 3 is published).
    expect(published.diagnostics[0]!.message.split('\n')[0]).toBe('细则比国家规则宽松：反例企业在本细则为A类，在国家规则为B类（第3次验证）');
    expect(c.published.get(uri)!.filter((p) => p.version === v1 && p.diagnostics.length > 0)).toEqual([]);
    const after = (await c.request<{ verifier: Record<string, number> }>('fenlei/stats', {})).verifier;
    // Run 2 (version 5) was cancelled while running; run 3 (version 6) was published.
    expect({ started: after.started! - before.started!, published: after.published! - before.published!, cancelled: after.cancelled! - before.cancelled! }).toEqual({ started: 2, published: 1, cancelled: 1 });
  });

  it('saves the counterexample as a test case', async () => {
    const actions = await c.request<Action[]>('textDocument/codeAction', { textDocument: { uri }, range: r(37, 12, 37, 12), context: { diagnostics: [] } });
    expect(actions.map((a) => a.title)).toEqual(['把反例保存为测试用例（verify.反例.test.yaml）/ save the counterexample as a test case']);
    const changes = actions[0]!.edit.documentChanges as [{ kind: string; uri: string }, { edits: { newText: string }[] }];
    expect(changes[0]).toEqual({ kind: 'create', uri: uriOf('test-output/lsp/actions/tests/verify.反例.test.yaml'), options: { ignoreIfExists: true } });
    expect(changes[1].edits[0]!.newText).toBe(
      [
        '# 验证器找到的反例，由 fenlei 保存 / counterexamples found by the verifier',
        '规则: ../verify.yaml',
        '用例:',
        '  - 名称: fenlei verify 反例：细则比国家规则宽松：反例企业在本细则为A类，在国家规则为B类（第3次验证）',
        '    记录:',
        '      id: cx1',
        '      enterprise:',
        '        name: 反例企业',
        '        products:',
        '          - 纺织服装',
        '      inspection:',
        '        date: 2026-03-01',
        '        form: 定期监督检查',
        '        answers:',
        '          "3": 发现问题',
        '          "18": 不符合',
        '    预期:',
        '      inScope: true',
        '      class: B',
        '      mode: 常态监管',
        '',
      ].join('\n'),
    );
  });
});

describe('a run that cannot be cancelled', () => {
  const uri = uriOf('test-output/lsp/actions/stuck.yaml');
  it('ends its thread after the stop time; the run queued behind it moves to a new thread and is published', async () => {
    const stuckRuns = (stderr: string) => stderr.split('fake verifier: stuck run').length - 1;
    const stuckBefore = stuckRuns(c.stderr);
    await c.open(uri, PROVINCE.replace(/(条件: 通过率 >= )9\d%/, '$194% # 卡住'));
    await c.stderrUntil((s) => stuckRuns(s) > stuckBefore);
    // The edit cancels the stuck run; the next run is posted while the stuck one still holds the thread.
    const v = await c.replace(uri, '94% # 卡住', '93%');
    const published = await c.nextDiagnostics(uri, v, (p) => p.diagnostics.some((d) => d.code === 'FL4001'));
    // A new thread: the stand-in's run count for this file starts again.
    expect(published.diagnostics.filter((d) => d.code === 'FL4001').map((d) => d.message.split('\n')[0])).toEqual(['细则比国家规则宽松：反例企业在本细则为A类，在国家规则为B类（第1次验证）']);
    await c.closeDocument(uri);
  });
});

describe('the compiler verifier in the background', () => {
  it('shows a weakness on the responsible clause with the counterexample, and saves it as a test', async () => {
    const real = new LspClient();
    try {
      await real.initialize();
      const uri = uriOf('test-output/lsp/actions/weak.yaml');
      // docs/interpretation.md's dilution: all 19 national items kept and three supplementary items added.
      const items = [1, 2, 3].map((i) => `  - 编号: 补${i}\n    内容: 补充项目${i}。\n    答案: 发现问题/未发现问题\n`).join('');
      const text = `元数据:\n  名称: 稀释细则\n  地区: 测试省\n  版本: "1"\n  生效日期: 2026-01-01\n  基于: national\n项目:\n${items}`;
      expect((await real.open(uri, text)).diagnostics).toEqual([]);
      const p = await real.nextDiagnostics(uri, 1, (x) => x.diagnostics.some((d) => d.code === 'FL4001'));
      const weak = p.diagnostics[0]!;
      expect([weak.code, weak.severity, weak.range]).toEqual(['FL4001', 1, r(7, 4, 10, 0)]);
      expect(weak.message.startsWith('细则比国家规则宽松：')).toBe(true);
      // One cause, the three passing supplementary items together (dilution); the thresholds to raise come as FL4020.
      expect(weak.message).toContain('。原因：稀释：本省增加的 3 个项目（补1、补2、补3）这家企业都通过');
      expect(weak.relatedInformation!.map((x) => x.location)).toEqual([{ uri, range: r(0, 0, 0, 3) }]);
      expect(p.diagnostics.filter((d) => d.code === 'FL4020').map((d) => d.message.split('。')[0])).toEqual(['建议：A类门槛至少为 90.91%（不通过不超过 1 项）', '建议：B类门槛至少为 63.64%（不通过不超过 7 项）']);
      expect((weak.data as { counterexample: { record: { inspection: { answers: Record<string, string> } } } }).counterexample.record.inspection.answers).toMatchObject({ '18': '不符合', '19': '不符合', 补1: '未发现问题' });
      const actions = await real.request<Action[]>('textDocument/codeAction', { textDocument: { uri }, range: r(7, 4, 7, 4), context: { diagnostics: [] } });
      expect(actions.map((a) => a.title)).toEqual(['把反例保存为测试用例（weak.反例.test.yaml）/ save the counterexample as a test case']);
      const created = (actions[0]!.edit.documentChanges as [unknown, { edits: { newText: string }[] }])[1].edits[0]!.newText;
      expect(created.split('\n').slice(0, 3)).toEqual(['# 验证器找到的反例，由 fenlei 保存 / counterexamples found by the verifier', '规则: ../weak.yaml', '用例:']);
      expect(created.endsWith('          "19": 不符合\n          补1: 未发现问题\n          补2: 未发现问题\n          补3: 未发现问题\n    预期:\n      inScope: true\n      class: B\n      mode: 常态监管\n')).toBe(true);
    } finally {
      await real.close();
    }
  });

  it('offers the least strict sound threshold as a quick fix on a diluted threshold the province writes', async () => {
    const real = new LspClient();
    try {
      await real.initialize();
      const uri = uriOf('test-output/lsp/actions/diluted.yaml');
      // Three supplementary items and A written at the national 90% (no FL3003): 20/22 is A here, 17/19 B nationally.
      const items = [1, 2, 3].map((i) => `  - { 编号: 补${i}, 内容: 补充项目${i}, 答案: 发现问题/未发现问题 }\n`).join('');
      const text = `元数据:\n  名称: 稀释细则\n  地区: 测试省\n  版本: "1"\n  生效日期: 2026-01-01\n  基于: national\n项目:\n${items}分类:\n  A:\n    全部条件:\n      - { 名称: 通过率, 条件: 通过率 >= 90% }\n  B:\n    全部条件:\n      - { 名称: 通过率, 条件: 通过率 >= 64% }\n`;
      expect((await real.open(uri, text)).diagnostics).toEqual([]);
      const p = await real.nextDiagnostics(uri, 1, (x) => x.diagnostics.some((d) => d.code === 'FL4020'));
      const hints = p.diagnostics.filter((d) => d.code === 'FL4020');
      expect(hints.map((d) => [d.range, d.message.split('\n')[0]])).toEqual([[r(13, 30, 13, 33), '建议：A类门槛至少为 90.91%（不通过不超过 1 项）。把 通过率 >= 90% 改为 通过率 >= 90.91%。已验证：按建议修改后不比国家规则宽松']]);
      const actions = await real.request<Action[]>('textDocument/codeAction', { textDocument: { uri }, range: r(13, 31, 13, 31), context: { diagnostics: [] } });
      const fix = actions.find((a) => a.title === '把A类门槛改为 90.91% / set the class A threshold to 90.91%')!;
      expect(applyEdits(text, fix.edit.changes![uri]!).split('\n')[13]).toBe('      - { 名称: 通过率, 条件: 通过率 >= 90.91% }');
    } finally {
      await real.close();
    }
  });
});
