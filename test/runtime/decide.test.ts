// Decisions of the national rules (runtime/decide.ts, runtime/prepare.ts): classification
// (通用规则备注（二）), modes (第十八条), risk (第二十条, D6), Art. 21 (D4), scope (第二条).
import { describe, expect, it } from 'vitest';
import { compileProvince, decideNational, decision, evaluatorOf, nationalRecord, ORDINARY_IDS, summary, warningCodes } from '../compiler/helpers.js';

const MEASURES = { 信用监管: 3, 责任监管: 3, 常态监管: 3, 加严监管: 5 } as const;

describe('classification of the national rules', () => {
  const expectDecision = (failures: string[], expected: Partial<ReturnType<typeof summary>>) => {
    expect(summary(decideNational(nationalRecord(failures)))).toEqual({
      inScope: true,
      riskLevel: 'Ⅲ级',
      answered: 19,
      directiveFailures: [],
      ...expected,
    });
  };

  it('all pass → AA, 信用监管', () => {
    expectDecision([], { class: 'AA', assessedClass: 'AA', mode: '信用监管', passed: 19, passRatio: 1, failedItems: [], measures: 3 });
  });
  it('one ordinary item fails (18/19 = 94.7%) → A, 责任监管', () => {
    expectDecision(['19'], { class: 'A', assessedClass: 'A', mode: '责任监管', passed: 18, passRatio: 0.9474, failedItems: ['19'], measures: 3 });
  });
  it('two fail (17/19 = 89.5%) → B, 常态监管', () => {
    expectDecision(['3', '18'], { class: 'B', assessedClass: 'B', mode: '常态监管', passed: 17, passRatio: 0.8947, failedItems: ['3', '18'], measures: 3 });
  });
  it('seven fail (12/19 = 63.2%) → B', () => {
    const f = ORDINARY_IDS.slice(0, 7);
    expectDecision(f, { class: 'B', assessedClass: 'B', mode: '常态监管', passed: 12, passRatio: 0.6316, failedItems: f, measures: 3 });
  });
  it('eight fail (11/19 = 57.9%) → C, 加严监管', () => {
    const f = ORDINARY_IDS.slice(0, 8);
    expectDecision(f, { class: 'C', assessedClass: 'C', mode: '加严监管', passed: 11, passRatio: 0.5789, failedItems: f, measures: 5 });
  });
  it('all twelve ordinary items fail → C', () => {
    expectDecision(ORDINARY_IDS, { class: 'C', assessedClass: 'C', mode: '加严监管', passed: 7, passRatio: 0.3684, failedItems: ORDINARY_IDS, measures: 5 });
  });
  it.each(['1', '2', '12', '14', '15', '16', '17'])('★%s fails, everything else passes → C', (id) => {
    expect(summary(decideNational(nationalRecord([id])))).toEqual({
      inScope: true, class: 'C', assessedClass: 'C', mode: '加严监管', riskLevel: 'Ⅲ级', passed: 18, answered: 19, passRatio: 0.9474,
      failedItems: [id], directiveFailures: [id], measures: 5,
    });
  });
  it('★ and ordinary failures are listed separately', () => {
    const d = decideNational(nationalRecord(['3', '14', '17']));
    expect([d.class, d.failedItems, d.directiveFailures]).toEqual(['C', ['3', '14', '17'], ['14', '17']]);
  });
  it('measures are the texts of 第十八条 for the mode', () => {
    expect(decideNational(nationalRecord(['5', '6'])).measures).toEqual([
      '企业每年定期向质监部门报告产品质量主体责任落实情况，积极回应和解决社会各方面反映的产品质量问题',
      '质监部门根据本地实际开展监督检查',
      '质监部门指导企业不断完善质量管理、检验检测、计量和标准体系，增强履行产品质量主体责任的意识和能力',
    ]);
  });
  it('English answers pass/fail are read like the Chinese ones', () => {
    const rec = nationalRecord();
    for (const k of Object.keys(rec.inspection.answers)) rec.inspection.answers[k] = k === '7' ? 'FAIL' : ' pass ';
    expect(summary(decideNational(rec))).toMatchObject({ class: 'A', passed: 18, failedItems: ['7'] });
  });
});

describe('risk level (第二十条, D6)', () => {
  const classOf: [string, string[]][] = [['AA', []], ['A', ['19']], ['B', ['18', '19']], ['C', ['1']]];
  it.each(classOf)('Level Ⅰ product (电线电缆): class %s one mode stricter', (cls, failures) => {
    const d = decideNational(nationalRecord(failures, { products: ['电线电缆'] }));
    const mode = { AA: '责任监管', A: '常态监管', B: '加严监管', C: '加严监管' }[cls]!;
    expect([d.class, d.riskLevel, d.mode, d.measures.length]).toEqual([cls, 'Ⅰ级', mode, MEASURES[mode as keyof typeof MEASURES]]);
  });
  it.each(classOf)('Level Ⅱ product (水泥): class %s mode unchanged', (cls, failures) => {
    const d = decideNational(nationalRecord(failures, { products: ['水泥'] }));
    const mode = { AA: '信用监管', A: '责任监管', B: '常态监管', C: '加严监管' }[cls]!;
    expect([d.class, d.riskLevel, d.mode]).toEqual([cls, 'Ⅱ级', mode]);
  });
  it.each(classOf)('Level Ⅲ product (家具): class %s mode unchanged', (cls, failures) => {
    const d = decideNational(nationalRecord(failures, { products: ['家具'] }));
    const mode = { AA: '信用监管', A: '责任监管', B: '常态监管', C: '加严监管' }[cls]!;
    expect([d.class, d.riskLevel, d.mode]).toEqual([cls, 'Ⅲ级', mode]);
  });
  it('the highest level among the products counts', () => {
    expect(decideNational(nationalRecord([], { products: ['家具', '水泥', '纺织服装'] })).riskLevel).toBe('Ⅱ级');
    expect(decideNational(nationalRecord([], { products: ['家具', '化肥'] })).riskLevel).toBe('Ⅰ级');
  });
  it('a declared level higher than the catalogue raises it', () => {
    const d = decideNational(nationalRecord([], { products: ['家具'], riskLevel: 'Ⅰ级' }));
    expect([d.riskLevel, d.mode, warningCodes(d)]).toEqual(['Ⅰ级', '责任监管', []]);
  });
  it('a declared level lower than the catalogue is ignored with warning FL5101', () => {
    const d = decideNational(nationalRecord([], { products: ['电线电缆'], riskLevel: 'Ⅲ级' }));
    expect([d.riskLevel, d.mode]).toEqual(['Ⅰ级', '责任监管']);
    expect(d.warnings).toEqual([{ code: 'FL5101', field: 'inspection.riskLevel', message: '填写的风险等级 Ⅲ级 低于产品目录确定的 Ⅰ级，按 Ⅰ级 处理（第二十条：检查表勾选的等级只可提高不可降低）', messageEn: "Declared risk Ⅲ级 is below the catalogue's Ⅰ级; Ⅰ级 used (Art. 20: the form may only raise it)" }]);
  });
  it('declared level spellings', () => {
    for (const spelling of ['Ⅱ级', 'II级', '二级', '2', 'II']) expect(decideNational(nationalRecord([], { products: ['家具'], riskLevel: spelling })).riskLevel).toBe('Ⅱ级');
  });
  it('an unknown product gives no level (FL5103); with nothing ticked the level is undetermined (FL5120), not Ⅲ级', () => {
    const d = decideNational(nationalRecord([], { products: ['量子计算机'] }));
    expect([d.riskLevel, d.mode, d.class]).toEqual([null, '信用监管', 'AA']);
    expect(d.warnings).toEqual([
      { code: 'FL5103', field: 'enterprise.products', message: '产品“量子计算机”不在检查日期有效的产品目录中，不据以确定风险等级', messageEn: "Product '量子计算机' is not in the catalogues in force; it gives no risk level" },
      {
        code: 'FL5120',
        field: 'inspection.riskLevel',
        message: '综合风险等级未确定：主要产品（量子计算机）都不在检查日期有效的产品目录（重点工业产品质量监督目录（示例）（全国，版本 示例-2024，2024-01-01 起施行；示例目录，不是正式发布的目录））中，检查表也未勾选风险等级。监管方式未作第二十条调整（同Ⅲ级一般风险），请核实后勾选风险等级',
        messageEn: 'The composite risk level is undetermined: no product (量子计算机) is in the catalogues in force (重点工业产品质量监督目录（示例）（全国，版本 示例-2024，2024-01-01 起施行；示例目录，不是正式发布的目录）) and no level is ticked. The mode has no Art. 20 adjustment (as Level Ⅲ); check and tick the level',
      },
    ]);
  });
  it('an unknown product with a ticked level takes the ticked level, no FL5120', () => {
    const d = decideNational(nationalRecord([], { products: ['量子计算机'], riskLevel: 'Ⅱ级' }));
    expect([d.riskLevel, warningCodes(d)]).toEqual(['Ⅱ级', ['FL5103']]);
  });
});

describe('dynamic adjustment (第二十一条, D4)', () => {
  const hist = (previousClass: string | null, events: { type: string; date: string }[] = [], previousReviewDate = '2025-03-01') => ({ previousClass, previousReviewDate, events });

  it('previous B, assessed AA at a periodic review → A (one level up), trace cites 第二十一条', () => {
    const d = decideNational(nationalRecord([], { history: hist('B') }), { trace: true });
    expect([d.assessedClass, d.class, d.mode]).toEqual(['AA', 'A', '责任监管']);
    const review = d.trace.filter((s) => s.step === 'review');
    expect(review.map((s) => [s.article, s.text])).toEqual([['第二十一条', '上次类别 B，不允许越级上升，每次最多上升 1 级：评定 AA 调整为 A']]);
  });
  it('previous C, assessed AA → B', () => {
    const d = decideNational(nationalRecord([], { history: hist('C') }));
    expect([d.assessedClass, d.class, d.mode]).toEqual(['AA', 'B', '常态监管']);
  });
  it('previous A, assessed AA → AA (one level is allowed)', () => {
    expect(decideNational(nationalRecord([], { history: hist('A') })).class).toBe('AA');
  });
  it('falling several levels at once is allowed: previous AA, assessed C → C', () => {
    expect(decideNational(nationalRecord(['1'], { history: hist('AA') })).class).toBe('C');
  });
  it.each(['专项监督检查', '回访', 'special', 'followUp'])('no rise outside a periodic review (%s): previous B, assessed AA → B', (form) => {
    const d = decideNational(nationalRecord([], { form, history: hist('B') }), { trace: true });
    expect([d.assessedClass, d.class]).toEqual(['AA', 'B']);
    expect(d.trace.find((s) => s.step === 'review')?.text).toBe('非定期监督检查，类别不在调整周期之间上升：保持上次类别 B');
  });
  it('outside a periodic review a fall still applies: previous A, assessed B → B', () => {
    expect(decideNational(nationalRecord(['3', '4'], { form: '回访', history: hist('A') })).class).toBe('B');
  });
  it('trigger since the previous review: previous A, assessed AA, 抽查不合格 → B', () => {
    const d = decideNational(nationalRecord([], { history: hist('A', [{ type: '抽查不合格', date: '2025-06-01' }]) }), { trace: true });
    expect([d.assessedClass, d.class, d.mode]).toEqual(['AA', 'B', '常态监管']);
    expect(d.trace.filter((s) => s.step === 'review').map((s) => s.article)).toEqual(['第二十一条']);
  });
  it('English event type names are accepted', () => {
    expect(decideNational(nationalRecord([], { history: hist('A', [{ type: 'penalty', date: '2025-06-01' }]) })).class).toBe('B');
  });
  it('previous AA and a trigger → A even though assessed AA', () => {
    expect(decideNational(nationalRecord([], { history: hist('AA', [{ type: '媒体曝光', date: '2026-01-10' }]) })).class).toBe('A');
  });
  it('a trigger never raises: previous A, assessed C, 行政处罚 → C', () => {
    expect(decideNational(nationalRecord(['1'], { history: hist('A', [{ type: '行政处罚', date: '2025-06-01' }]) })).class).toBe('C');
  });
  it('previous C and a trigger stays C', () => {
    expect(decideNational(nationalRecord([], { history: hist('C', [{ type: '行政处罚', date: '2025-06-01' }]) })).class).toBe('C');
  });
  it('a trigger before the previous review date has no effect', () => {
    const d = decideNational(nationalRecord([], { history: hist('A', [{ type: '抽查不合格', date: '2024-12-01' }]) }));
    expect([d.class, warningCodes(d)]).toEqual(['AA', []]);
  });
  it('a non-trigger event (拒绝抽查) has no effect', () => {
    expect(decideNational(nationalRecord([], { history: hist('A', [{ type: '拒绝抽查', date: '2025-06-01' }]) })).class).toBe('AA');
  });
  it('an event after the inspection date is not counted, with warning FL5104', () => {
    const d = decideNational(nationalRecord([], { history: hist('A', [{ type: '抽查不合格', date: '2026-06-01' }]) }));
    expect(d.class).toBe('AA');
    expect(d.warnings).toEqual([{ code: 'FL5104', field: 'history.events[0].date', message: '事件日期 2026-06-01 晚于检查日期，未计入', messageEn: 'Event date 2026-06-01 is after the inspection; not counted' }]);
  });
  it('without a previous review date, triggers count from 12 months before the inspection (FL5107)', () => {
    const early = decideNational(nationalRecord([], { history: { previousClass: 'A', events: [{ type: '抽查不合格', date: '2025-02-01' }] } }));
    expect([early.class, warningCodes(early)]).toEqual(['AA', ['FL5107']]);
    const late = decideNational(nationalRecord([], { history: { previousClass: 'A', events: [{ type: '抽查不合格', date: '2025-04-01' }] } }));
    expect(late.class).toBe('B');
  });
  it('a first classification has no cap nationally: all pass → AA', () => {
    for (const history of [undefined, { previousClass: null }, { previousClass: '无' }]) {
      const d = decideNational(nationalRecord([], history ? { history } : {}), { trace: true });
      expect(d.class).toBe('AA');
      expect(d.trace.find((s) => s.step === 'review')?.text).toBe('首次评定，无上次类别可比较');
    }
  });
  it('a previous class written 「B类」 is B', () => {
    expect(decideNational(nationalRecord([], { history: hist('B类') })).class).toBe('A');
  });
  it('a province cap on first classification applies to first classifications only', () => {
    const ev = evaluatorOf(compileProvince(`动态调整:\n  首次评定上限: B\n`));
    expect(decision(ev.evaluate(nationalRecord())).class).toBe('B');
    expect(decision(ev.evaluate(nationalRecord([], { history: hist('A') }))).class).toBe('AA');
  });
  it('a province trigger drop of 2: previous AA and a trigger → B', () => {
    const ev = evaluatorOf(compileProvince(`动态调整:\n  降级级数: 2\n`));
    expect(decision(ev.evaluate(nationalRecord([], { history: hist('AA', [{ type: '严重隐患', date: '2025-09-09' }]) }))).class).toBe('B');
  });
});

describe('scope (第二条)', () => {
  const outside = { inScope: false, class: null, assessedClass: null, mode: null, riskLevel: null, passed: 0, answered: 0, passRatio: null, failedItems: [], directiveFailures: [], measures: 0 };
  it('a cosmetics maker is outside the Measures: no class', () => {
    expect(summary(decideNational(nationalRecord([], { products: ['化妆品'] })))).toEqual(outside);
  });
  // Product names such as 压力容器 are recognised through the scope table (D9); the category words are the rules' own.
  it('a maker of 特种设备 is outside', () => {
    expect(summary(decideNational(nationalRecord([], { products: ['特种设备'] })))).toEqual(outside);
  });
  it('products all in excluded categories, no answers needed', () => {
    const rec = nationalRecord([], { products: ['食品', '计量器具', '食品相关产品'] });
    delete (rec.inspection as { answers?: unknown }).answers;
    expect(summary(decideNational(rec))).toEqual(outside);
  });
  it('the scope step cites 第二条', () => {
    const d = decideNational(nationalRecord([], { products: ['化妆品'] }), { trace: true });
    expect(d.trace.map((s) => [s.step, s.article])).toEqual([['scope', '第二条']]);
  });
  it('mixed products (化妆品 and 纺织服装) are in scope', () => {
    const d = decideNational(nationalRecord(['19'], { products: ['化妆品', '纺织服装'] }));
    expect([d.inScope, d.class, d.mode, d.riskLevel]).toEqual([true, 'A', '责任监管', 'Ⅲ级']);
  });
  it('an excluded Level Ⅰ product does not set the risk of a mixed maker', () => {
    const d = decideNational(nationalRecord([], { products: ['特种设备', '家具'] }));
    expect([d.inScope, d.riskLevel, d.mode]).toEqual([true, 'Ⅲ级', '信用监管']);
  });
  it('no products given: in scope', () => {
    expect(decideNational(nationalRecord([], { products: [] })).inScope).toBe(true);
  });
});

describe('provincial modes', () => {
  it('a stricter class mode applies at every risk level that does not shift it', () => {
    const ev = evaluatorOf(compileProvince(`类别监管方式:\n  AA: 责任监管\n`));
    expect(decision(ev.evaluate(nationalRecord([], { products: ['家具'] }))).mode).toBe('责任监管');
    expect(decision(ev.evaluate(nationalRecord([], { products: ['水泥'] }))).mode).toBe('责任监管');
    expect(decision(ev.evaluate(nationalRecord([], { products: ['电线电缆'] }))).mode).toBe('常态监管');
  });
  it('Level Ⅱ shifted by a province', () => {
    const ev = evaluatorOf(compileProvince(`风险调整:\n  Ⅱ级: 下调一级\n`));
    const d = decision(ev.evaluate(nationalRecord([], { products: ['水泥'] })));
    expect([d.class, d.mode, d.measures.length]).toEqual(['AA', '责任监管', 3]);
  });
  it('provincial measures are appended to the national ones', () => {
    const ev = evaluatorOf(compileProvince(`监管方式:\n  - 名称: 加严监管\n    措施:\n      - { 内容: 每季度现场检查一次, 依据: 本省细则第十条 }\n`));
    const d = decision(ev.evaluate(nationalRecord(['1'])));
    expect(d.measures).toHaveLength(6);
    expect(d.measures.at(-1)).toBe('每季度现场检查一次');
  });
});
