// The real server process over stdio, driven by a JSON-RPC client as an editor drives it:
// open, edit incrementally, request every feature, and compare exact results. The document
// is Chinese throughout, so every column below is a UTF-16 offset.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LspClient, applyEdits, uriOf } from './client.js';
import { PROVINCE } from './fixtures.js';
import { SERVER_CAPABILITIES } from '../../lsp/capabilities.js';

const NATIONAL = uriOf('rules/national/national.yaml');
const r = (sl: number, sc: number, el: number, ec: number) => ({ start: { line: sl, character: sc }, end: { line: el, character: ec } });

let c: LspClient;
const uri = uriOf('test-output/lsp/server/p.yaml');
const doc = { textDocument: { uri } };

beforeAll(async () => {
  c = new LspClient();
  await c.initialize();
});
afterAll(async () => {
  await c.close();
});

describe('initialize', () => {
  it('announces every feature', () => {
    // What the editor receives is what the server declares, and it names each feature this file drives.
    expect(c.initResult!.capabilities).toEqual(JSON.parse(JSON.stringify(SERVER_CAPABILITIES)));
    expect(Object.keys(c.initResult!.capabilities).sort()).toEqual(
      ['codeActionProvider', 'completionProvider', 'definitionProvider', 'documentFormattingProvider', 'documentSymbolProvider', 'foldingRangeProvider', 'hoverProvider', 'inlayHintProvider', 'referencesProvider', 'renameProvider', 'semanticTokensProvider', 'textDocumentSync'],
    );
    expect(c.initResult!.capabilities.textDocumentSync).toEqual({ openClose: true, change: 2 });
    expect(c.initResult!.serverInfo?.name).toBe('fenlei');
  });
});

describe('diagnostics while typing', () => {
  it('a clean province has none', async () => {
    expect(await c.open(uri, PROVINCE)).toEqual({ version: 1, diagnostics: [] });
  });

  it('one typo in a condition gives one diagnostic, fixed by the next edit', async () => {
    let v = await c.replace(uri, '通过率 >= 95%', '通过率 >= >= 95%');
    expect(await c.nextDiagnostics(uri, v)).toEqual({
      version: 2,
      diagnostics: [
        {
          range: r(37, 19, 37, 21),
          severity: 1,
          code: 'FL1105',
          source: 'fenlei',
          message: '意外的“>=”：此处应为一个值\nUnexpected \'>=\': a value is expected here',
        },
      ],
    });
    v = await c.replace(uri, '>= >= 95%', '>= 95%');
    expect(await c.nextDiagnostics(uri, v)).toEqual({ version: 3, diagnostics: [] });
  });

  it('names are resolved against the merged rule set', async () => {
    const v = await c.replace(uri, '非 出口企业', '非 出口企');
    expect((await c.nextDiagnostics(uri, v)).diagnostics).toEqual([
      {
        range: r(25, 13, 25, 16),
        severity: 1,
        code: 'FL2005',
        source: 'fenlei',
        message: '未定义的名称“出口企”，是否应为“出口企业”？\nUndefined name \'出口企\'; did you mean \'出口企业\'?',
      },
    ]);
    const back = await c.replace(uri, '非 出口企', '非 出口企业');
    expect((await c.nextDiagnostics(uri, back)).diagnostics).toEqual([]);
  });

  it('the structural national-minimum checks run on every edit (★ sub-item)', async () => {
    const v = await c.replace(uri, '指向型: true', '指向型: false', '"2.2"');
    expect((await c.nextDiagnostics(uri, v)).diagnostics).toEqual([
      {
        range: r(17, 8, 17, 13),
        severity: 1,
        code: 'FL3002',
        source: 'fenlei',
        message: '国家项目“2”是C类指向型（★），其细化子项目“2.2”也必须是指向型\nSub-item \'2.2\' of ★ item \'2\' must be ★',
      },
    ]);
    const back = await c.replace(uri, '指向型: false', '指向型: true', '"2.2"');
    expect((await c.nextDiagnostics(uri, back)).diagnostics).toEqual([]);
  });

  it('reparses only the edited item when typing inside a line', async () => {
    const stats = await c.request<{ yaml: { full: number; incremental: number } }>('fenlei/stats', {});
    // The document and its base (the national rules) on open, then a splice for each of the
    // six edits above (all inside one line, none adding a YAML indicator).
    expect(stats.yaml.full).toBe(2);
    expect(stats.yaml.incremental).toBe(6);
  });
});

describe('Chinese input slips', () => {
  it('a full-width colon after a key: diagnostic and quick fix', async () => {
    const v = await c.replace(uri, '内容: 接入', '内容：接入');
    const { diagnostics } = await c.nextDiagnostics(uri, v);
    expect(diagnostics.map((d) => [d.code, d.range])).toEqual([['FL0008', r(23, 6, 23, 7)]]);
    const actions = await c.request<{ title: string; edit: { changes: Record<string, unknown[]> } }[]>('textDocument/codeAction', { ...doc, range: r(23, 6, 23, 6), context: { diagnostics } });
    expect(actions.map((a) => a.title)).toEqual(['改为半角冒号“:” (use ASCII ":")']);
    expect(actions[0]!.edit.changes[uri]).toEqual([{ range: r(23, 6, 23, 7), newText: ': ' }]);
    await c.replace(uri, '内容：接入', '内容: 接入');
  });

  it('a full-width percent sign and digits in a condition; Chinese quotes around a string', async () => {
    const v = await c.replace(uri, '通过率 >= 95%', '通过率 >= ９５％ 且 非 产品包含(“电线电缆”)');
    const { diagnostics } = await c.nextDiagnostics(uri, v);
    expect(diagnostics.map((d) => [d.code, d.range, d.message.split('\n')[0]])).toEqual([
      ['FL1103', r(37, 19, 37, 21), '全角数字“９５”应为半角“95”'],
      ['FL1102', r(37, 21, 37, 22), '全角字符“％”应为半角“%”'],
      ['FL1104', r(37, 32, 37, 38), '字符串应使用半角双引号 "…"，而不是中文引号 “…”'],
    ]);
    const actions = await c.request<{ title: string; kind: string; edit: { changes: Record<string, Parameters<typeof applyEdits>[1]> } }[]>('textDocument/codeAction', { ...doc, range: r(37, 19, 37, 19), context: { diagnostics: [] } });
    expect(actions.map((a) => [a.title, a.kind])).toEqual([
      ['改为“95” (use ASCII digits)', 'quickfix'],
      ['修正本文件全部输入错误（3处）/ fix every typing slip in the file', 'source.fixAll.fenlei'],
    ]);
    const fixed = applyEdits(c.text(uri), actions[1]!.edit.changes[uri]!);
    expect(fixed.split('\n')[37]).toBe('        条件: 通过率 >= 95% 且 非 产品包含("电线电缆")');
    await c.change(uri, [{ text: PROVINCE }]);
  });

  it('full-width digits in a YAML value: the type error says so and offers the fix', async () => {
    const v = await c.change(uri, [{ range: r(38, 0, 38, 0), text: '动态调整:\n  调整周期月数: １２\n' }]);
    const { diagnostics } = await c.nextDiagnostics(uri, v);
    expect(diagnostics.map((d) => [d.code, d.range, d.message])).toEqual([
      ['FL0103', r(39, 10, 39, 12), '“调整周期月数”的值应为整数（值“１２”中有全角字符，应为半角“12”）\n\'调整周期月数\' should be an integer (the value \'１２\' has full-width characters; ASCII: \'12\')'],
    ]);
    const actions = await c.request<{ title: string; edit: { changes: Record<string, unknown[]> } }[]>('textDocument/codeAction', { ...doc, range: r(39, 11, 39, 11), context: { diagnostics } });
    expect(actions.map((a) => a.title)).toEqual(['改为半角“12” (use ASCII)']);
    expect(actions[0]!.edit.changes[uri]).toEqual([{ range: r(39, 10, 39, 12), newText: '12' }]);
    await c.change(uri, [{ text: PROVINCE }]);
  });
});

type Item = { label: string; detail?: string; textEdit?: { range: unknown; newText: string } };
const labels = async (position: { line: number; character: number }): Promise<string[]> =>
  (await c.request<{ items: Item[] }>('textDocument/completion', { ...doc, position })).items.map((i) => i.label);

describe('completion', () => {
  it('YAML keys of an item that are not written yet, with their documents', async () => {
    await c.change(uri, [{ text: PROVINCE }]);
    const list = await c.request<{ items: (Item & { documentation: { value: string } })[] }>('textDocument/completion', { ...doc, position: c.pos(uri, '答案: 符合') });
    expect(list.items.map((i) => i.label)).toEqual(['答案', '指向型', '依据', '检查方式', '细化', '验证假设', '视为不通过条件', '视为通过条件', '核对条件']);
    expect(list.items[2]).toMatchObject({ label: '依据', detail: 'article', documentation: { value: '出处，如“通用规则第二部分第1项”。\n\nSource article.' } });
  });

  it('national item ids where a refinement names its target, with the item text', async () => {
    const list = await c.request<{ items: Item[] }>('textDocument/completion', { ...doc, position: c.pos(uri, '细化: "2"', 5) });
    expect(list.items.map((i) => i.label)).toEqual(Array.from({ length: 19 }, (_, i) => String(i + 1)));
    expect(list.items[1]).toMatchObject({ label: '2', detail: '★ 涉及行政许可的产品取得相应的许可资质（生产许可证、计量器具制造许可证、特种设备制…', textEdit: { range: r(13, 9, 13, 9), newText: '2' } });
  });

  it('in a condition: functions (Chinese and English, snippets), facts, groups, events, sets, items, keywords', async () => {
    const got = await labels(c.pos(uri, '全部通过(本省补充)'));
    expect(got.slice(0, 30)).toEqual([
      '通过数', 'passed', '不通过数', 'failed', '作答数', 'answered', '通过率', 'ratio', '全部通过', 'allPass', '任一不通过', 'anyFail',
      '通过', 'passes', '不通过', 'fails', '不适用', 'notApplicable', '次数', 'count', '发生', 'occurred', '产品包含', 'hasProduct',
      '涉及行政许可', '持有生产许可证', '出口企业', '本省补充', '行政处罚', '严重隐患',
    ]);
    expect(got.slice(-13)).toEqual(['非', 'not', '是', 'true', '否', 'false', 'AA', 'A', 'B', 'C', 'Ⅰ级', 'Ⅱ级', 'Ⅲ级']);
    const list = await c.request<{ items: (Item & { insertTextFormat?: number })[] }>('textDocument/completion', { ...doc, position: c.pos(uri, '全部通过(本省补充)') });
    const count = list.items.find((i) => i.label === '次数')!;
    expect(count).toMatchObject({ detail: '次数(事件类型, 时间窗口?, 抽查级别?) · count', insertTextFormat: 2, textEdit: { newText: '次数(${1:事件类型}, ${2:时间窗口}, ${3:抽查级别})' } });
    // Documents come when the editor shows the item.
    expect(await c.request('completionItem/resolve', count)).toMatchObject({
      documentation: { kind: 'markdown', value: '时间窗口内（截至检查日期）该类事件的次数，例如 次数(抽查不合格, 近3年)。省略窗口时为自上次评定以来。可再给抽查级别（国家、省级、市级、县级、省级以上、市级以上），只数该级别的事件，如 次数(抽查不合格, 近3年, 省级以上)；未记级别的事件不计入。\n\nNumber of events of the type in the window up to the inspection date; since the previous review when omitted. An optional sampling level (national, provincial, municipal, county, provincialOrAbove, municipalOrAbove) counts only events of that level; events without a level are not counted.' },
    });
  });

  it('after a set function: sets, groups and items only; after an operand: operators and keywords', async () => {
    expect(await labels(c.pos(uri, '本省补充)'))).toEqual(['全部', '指向型', '国家项目', '补充项目', '本省补充', '#1', '#2.1', '#2.2', ...Array.from({ length: 17 }, (_, i) => `#${i + 3}`), '#补1']);
    expect(await labels(c.pos(uri, '>= 95%'))).toEqual(['且', 'and', '或', 'or', '>=', '>', '<=', '<', '=', '!=']);
    expect(await labels(c.pos(uri, '95%', 3))).toEqual(['且', 'and', '或', 'or']);
  });

  it('inside 次数( and 产品包含(: event types and catalogue products', async () => {
    // Products come from the catalogue files the rules cite (national.yaml lists none, D6′).
    await c.replace(uri, '企业信息:', '产品目录: [../../../rules/examples/catalogues/national-illustrative.yaml]\n企业信息:');
    const v = await c.replace(uri, '全部通过(本省补充)', '全部通过(本省补充) 且 次数() = 0 且 非 产品包含()');
    // The catalogue is read (no FL2040); only the two empty calls are wrong.
    expect((await c.nextDiagnostics(uri, v)).diagnostics.map((d) => d.code)).toEqual(['FL2007', 'FL2007']);
    expect(await labels(c.pos(uri, '次数(', 3))).toEqual(['行政处罚', '严重隐患', '抽查不合格', '媒体曝光', '其他降级情形', '拒绝抽查']);
    const products = await c.request<{ items: Item[] }>('textDocument/completion', { ...doc, position: c.pos(uri, '产品包含(', 5) });
    expect(products.items.slice(0, 3).map((i) => [i.label, i.detail, i.textEdit!.newText])).toEqual([
      ['电线电缆', 'Ⅰ级', '"电线电缆"'],
      ['危险化学品', 'Ⅰ级', '"危险化学品"'],
      ['化肥', 'Ⅰ级', '"化肥"'],
    ]);
    expect(products.items).toHaveLength(17);
    await c.change(uri, [{ text: PROVINCE }]);
  });

  it('values: answer pairs, modes and classes', async () => {
    const v = await c.change(uri, [{ range: r(38, 0, 38, 0), text: '动态调整:\n  首次评定上限: \n' }]);
    await c.nextDiagnostics(uri, v);
    expect(await labels({ line: 39, character: 10 })).toEqual(['AA', 'A', 'B', 'C']);
    expect(await labels({ line: 39, character: 2 })).toEqual(['调整周期月数', '最多上升级数', '降级级数', '首次评定上限']);
    expect(await labels(c.pos(uri, '答案: 符合', 4))).toEqual(['发现问题/未发现问题', '符合/不符合', 'problem', 'conform']);
    await c.change(uri, [{ text: PROVINCE }]);
  });
});

describe('hover', () => {
  it('a refinement shows the national item it refines and how it is refined', async () => {
    const h = await c.request<{ contents: { value: string }; range: unknown }>('textDocument/hover', { ...doc, position: c.pos(uri, '细化: "2"', 5) });
    expect(h).toEqual({
      contents: {
        kind: 'markdown',
        value:
          '**第2项** ★ C类指向型\n\n涉及行政许可的产品取得相应的许可资质（生产许可证、计量器具制造许可证、特种设备制造许可证等），无伪造、变造、出借等违法使用情况。\n\n答案：发现问题/未发现问题 · 依据：通用规则第（二）部分第2项\n\n---\n\n本细则细化为 / refined into：第2.1项★、第2.2项★',
      },
      range: r(13, 8, 13, 11),
    });
  });

  it('an item id: its text, answer pair, ★ and the national item it refines', async () => {
    const h = await c.request<{ contents: { value: string } }>('textDocument/hover', { ...doc, position: c.pos(uri, '"2.1"', 1) });
    expect(h.contents.value).toBe(
      '**第2.1项** ★ C类指向型\n\n取得生产许可证，证书在有效期内。\n\n答案：发现问题/未发现问题\n\n---\n\n细化 / refines **第2项** ★：涉及行政许可的产品取得相应的许可资质（生产许可证、计量器具制造许可证、特种设备制造许可证等），无伪造、变造、出借等违法使用情况。',
    );
  });

  it('a function, a fact and a key show their documents', async () => {
    const at = async (p: { line: number; character: number }) => (await c.request<{ contents: { value: string } }>('textDocument/hover', { ...doc, position: p })).contents.value;
    expect(await at(c.pos(uri, '全部通过(', 1))).toBe('**全部通过(项目集合?)** · `allPass(items?)`\n\n集合中适用的项目全部“未发现问题（符合）”。\n\nEvery applicable item in the set passes.');
    expect(await at(c.pos(uri, '出口企业', 1, 2))).toBe('**出口企业** · 企业信息 / fact（布尔，默认 false）');
    expect(await at(c.pos(uri, '指向型: true', 1))).toBe('**指向型** · `directive`\n\n是否为C类指向型项目（★）：该项不通过直接判为C类。\n\nC-directive (★): failing it makes the enterprise C.');
  });

  it('a threshold shows the effective thresholds after merging onto the base', async () => {
    const h = await c.request<{ contents: { value: string }; range: unknown }>('textDocument/hover', { ...doc, position: c.pos(uri, '95%', 1) });
    expect(h.range).toEqual(r(37, 19, 37, 22));
    expect(h.contents.value).toBe(
      [
        '**合并后的通过率门槛 / effective thresholds**',
        '',
        '- A类：`通过率 >= 95%`（通过率） — test-output/lsp/server/p.yaml:37（替换 / replaces `通过率 >= 90%`）',
        '- B类：`通过率 >= 60%`（通过率） — rules/national/national.yaml:206',
        '- C类：`通过率 < 60%`（通过率下限） — rules/national/national.yaml:188',
        '',
        '**所依据规则 / base**',
        '',
        '- A类：`通过率 >= 90%`',
        '- B类：`通过率 >= 60%`',
        '- C类：`通过率 < 60%`',
      ].join('\n'),
    );
  });
});

describe('navigation', () => {
  it('go to definition: a refined national item is in the national rules (not open)', async () => {
    expect(await c.request('textDocument/definition', { ...doc, position: c.pos(uri, '细化: "2"', 5) })).toEqual([{ uri: NATIONAL, range: r(41, 8, 41, 11) }]);
    expect(await c.request('textDocument/definition', { ...doc, position: c.pos(uri, '本省补充)', 1) })).toEqual([{ uri, range: r(27, 8, 27, 12) }]);
    expect(await c.request('textDocument/definition', { ...doc, position: c.pos(uri, 'national', 1) })).toEqual([{ uri: NATIONAL, range: r(0, 0, 0, 0) }]);
  });

  it('find references across the file and its base', async () => {
    expect(await c.request('textDocument/references', { ...doc, position: c.pos(uri, '"2"', 1), context: { includeDeclaration: true } })).toEqual([
      { uri: NATIONAL, range: r(41, 8, 41, 11) },
      { uri, range: r(13, 8, 13, 11) },
      { uri, range: r(18, 8, 18, 11) },
    ]);
    expect(await c.request('textDocument/references', { ...doc, position: c.pos(uri, '补1'), context: { includeDeclaration: false } })).toEqual([{ uri, range: r(28, 9, 28, 11) }]);
  });

  it('rename an item id everywhere; national ids cannot be renamed', async () => {
    expect(await c.request('textDocument/prepareRename', { ...doc, position: c.pos(uri, '"2.1"', 2) })).toEqual({ range: r(12, 9, 12, 12), placeholder: '2.1' });
    const edit = await c.request<{ changes: Record<string, Parameters<typeof applyEdits>[1]> }>('textDocument/rename', { ...doc, position: c.pos(uri, '"2.1"', 2), newName: '2.01' });
    expect(edit.changes).toEqual({ [uri]: [{ range: r(12, 9, 12, 12), newText: '2.01' }, { range: r(28, 14, 28, 17), newText: '2.01' }] });
    await expect(c.request('textDocument/prepareRename', { ...doc, position: c.pos(uri, '细化: "2"', 5) })).rejects.toThrow('第2项是国家规则的项目，编号不能修改 / national item ids cannot be renamed');
    await expect(c.request('textDocument/rename', { ...doc, position: c.pos(uri, '"2.1"', 2), newName: '2.2' })).rejects.toThrow('项目编号“2.2”已存在 / item id \'2.2\' already exists');
  });
});

describe('a province and its base are resolved together', () => {
  it('editing the open national rules re-checks the province built on them', async () => {
    const national = readFileSync(new URL('../../rules/national/national.yaml', import.meta.url), 'utf8');
    await c.open(NATIONAL, national);
    const v = await c.replace(NATIONAL, '编号: "2"', '编号: "2x"');
    const own = await c.nextDiagnostics(NATIONAL, v);
    expect(own.diagnostics).toEqual([]);
    // The province is published right after the national rules, in the same pass.
    const before = c.published.get(uri)!.length;
    const province = await c.nextDiagnostics(uri, undefined, () => c.published.get(uri)!.length > before);
    expect(province.diagnostics.map((d) => [d.code, d.range])).toEqual([
      ['FL2002', r(13, 8, 13, 11)],
      ['FL2002', r(18, 8, 18, 11)],
      ['FL2004', r(28, 13, 28, 18)],
    ]);
    // Closing the national rules: the province reads them from disk again.
    const after = c.published.get(uri)!.length;
    await c.closeDocument(NATIONAL);
    expect((await c.nextDiagnostics(uri, undefined, () => c.published.get(uri)!.length > after)).diagnostics).toEqual([]);
  });
});

describe('outline, folding, semantic tokens, inlay hints', () => {
  it('document symbols: sections with their items, groups, facts and class conditions', async () => {
    const syms = await c.request<{ name: string; detail?: string; range: unknown; children?: { name: string; detail?: string }[] }[]>('textDocument/documentSymbol', doc);
    expect(syms.map((s) => [s.name, s.detail, s.range])).toEqual([
      ['元数据', 'meta', r(1, 0, 6, 14)],
      ['企业信息', 'facts', r(7, 0, 10, 13)],
      ['项目', 'items', r(11, 0, 25, 17)],
      ['分组', 'groups', r(26, 0, 28, 19)],
      ['分类', 'classification', r(29, 0, 37, 22)],
    ]);
    expect(syms[2]!.children!.map((s) => [s.name, s.detail])).toEqual([
      ['2.1', '★ 取得生产许可证，证书在有效期内。'],
      ['2.2', '★ 无伪造、变造、出借许可证书的情况。'],
      ['补1', '接入产品质量追溯平台。'],
    ]);
    expect(syms[4]!.children!.map((s) => s.name)).toEqual(['AA类', 'A类']);
  });

  it('folding ranges by block', async () => {
    expect(await c.request('textDocument/foldingRange', doc)).toEqual([
      { startLine: 1, endLine: 6 }, { startLine: 7, endLine: 10 }, { startLine: 8, endLine: 10 }, { startLine: 11, endLine: 25 },
      { startLine: 12, endLine: 16 }, { startLine: 17, endLine: 21 }, { startLine: 22, endLine: 25 }, { startLine: 26, endLine: 28 },
      { startLine: 27, endLine: 28 }, { startLine: 29, endLine: 37 }, { startLine: 30, endLine: 33 }, { startLine: 31, endLine: 33 },
      { startLine: 32, endLine: 33 }, { startLine: 34, endLine: 37 }, { startLine: 35, endLine: 37 }, { startLine: 36, endLine: 37 },
    ]);
  });

  it('semantic tokens of the conditions (keyword, fact, function, group, number, operator)', async () => {
    const { data } = await c.request<{ data: number[] }>('textDocument/semanticTokens/full', doc);
    const tokens: [number, number, number, number, number][] = [];
    for (let i = 0, line = 0, ch = 0; i < data.length; i += 5) {
      line += data[i]!;
      ch = data[i]! === 0 ? ch + data[i + 1]! : data[i + 1]!;
      tokens.push([line, ch, data[i + 2]!, data[i + 3]!, data[i + 4]!]);
    }
    // [line, character, length, type (legend index), modifiers]
    expect(tokens).toEqual([
      [25, 11, 1, 0, 0], // 非 keyword
      [25, 13, 4, 2, 0], // 出口企业 variable (fact)
      [33, 12, 4, 1, 1], // 全部通过 function, defaultLibrary
      [33, 17, 4, 3, 0], // 本省补充 namespace (group)
      [37, 12, 3, 1, 1], // 通过率 function
      [37, 16, 2, 8, 0], // >= operator
      [37, 19, 3, 6, 0], // 95% number
    ]);
  });

  it('inlay hints show the national item text beside a refinement', async () => {
    const hints = await c.request<{ position: unknown; label: string }[]>('textDocument/inlayHint', { ...doc, range: r(0, 0, 40, 0) });
    expect(hints.map((h) => [h.position, h.label])).toEqual([
      [{ line: 13, character: 11 }, '★ 涉及行政许可的产品取得相应的许可资质（生产许可证…'],
      [{ line: 18, character: 11 }, '★ 涉及行政许可的产品取得相应的许可资质（生产许可证…'],
    ]);
  });
});
