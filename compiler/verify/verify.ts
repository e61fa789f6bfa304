// `verify(province, national)`: proves that the provincial rules are never weaker than the
// national rules over the whole finite input space, or returns the weakness with the fewest
// failed items (then the fewest events), replayed through both compiled evaluators.
import { lower } from '../ir/lower.js';
import type { CompileResult } from '../program.js';
import type { Decision, EnterpriseRecord, RuleSetIR } from '../../runtime/index.js';
import { analyze, sourcedExprs, type SideAnalysis } from './analyze.js';
import { blame, provinceFiles } from './blame.js';
import { rankCauses } from './causes.js';
import { Unknown } from './budget.js';
import { suggestThresholds, type Recheck } from './suggest.js';
import { context, failures, outcomeWords, type Words } from './describe.js';
import { compileRuleSet, type Compiled } from './evaluators.js';
import { locator, type Locate } from './locate.js';
import { nationalRecord, provincialRecord, type Mapping, type Situation } from './records.js';
import { CLASS_BY_RANK, CLASS_RANK, MODE_BY_RANK, MODE_RANK } from '../../runtime/classes.js';
import { search, type SearchOutput, type StricterGroup } from './search.js';
import { factDims } from './space.js';
import type { Assumption, ChecklistRow, Counterexample, RuleSetRef, VerificationResult, VerifyOptions, VerifyProblem } from './types.js';


/** The rule set's IR; a rule set whose only errors are national-minimum errors (FL30xx) is lowered anyway. */
function irFor(r: CompileResult, locate: Locate): { ir?: RuleSetIR; problems: VerifyProblem[] } {
  if (r.ir) return { ir: r.ir, problems: [] };
  const blocking = r.diagnostics.filter((d) => d.severity === 'error' && !d.code.startsWith('FL30'));
  if (blocking.length || !r.linked) {
    const first = blocking[0];
    return {
      problems: [
        {
          code: 'FL4008',
          detail: first ? `${first.file}:${first.range.start.line + 1} ${first.code} ${first.message}` : '文件无法读取或解析',
          detailEn: first ? `${first.file}:${first.range.start.line + 1} ${first.code} ${first.messageEn}` : 'the file cannot be read or parsed',
          file: first?.file ?? r.file,
          start: first?.range.start.offset ?? 0,
          end: first?.range.end.offset ?? 0,
          range: first?.range ?? locate(r.file, 0, 0),
        },
      ],
    };
  }
  return { ir: lower(r.linked), problems: [] };
}

function ref(r: CompileResult, ir: RuleSetIR | undefined): RuleSetRef {
  return { file: r.file, name: ir?.meta.name ?? '', region: ir?.meta.region ?? '', version: ir?.meta.version ?? '', effective: ir?.meta.effective ?? '', expires: ir?.meta.expires ?? null };
}

/** The interval both rule sets are in force: [later effective date, earlier expiry). */
export function overlap(a: { effective: string; expires: string | null }, b: { effective: string; expires: string | null }): { from: string; to: string | null } | null {
  const from = [a.effective, b.effective].filter(Boolean).sort().pop() ?? '2026-01-01';
  const ends = [a.expires, b.expires].filter((x): x is string => !!x).sort();
  const to = ends[0] ?? null;
  if (to !== null && to <= from) return null;
  return { from, to };
}

export function mappingOf(P: RuleSetIR, N: RuleSetIR, r: CompileResult, locate: Locate): { mapping: Mapping; problems: VerifyProblem[] } {
  const problems: VerifyProblem[] = [];
  const index = new Map(N.items.map((it, j) => [it.id, j]));
  const natOf = P.items.map((it, i) => {
    if (it.nationalId === null) return -1;
    const j = index.get(it.nationalId);
    if (j === undefined) {
      const m = r.linked?.model.items[i];
      const file = m?.from.file ?? r.file;
      const [start, end] = [m?.from.loc.start ?? 0, m?.from.loc.end ?? 0];
      problems.push({ code: 'FL4006', detail: `项目“${it.id}”对应的国家项目“${it.nationalId}”不存在`, detailEn: `item '${it.id}' refines missing national item '${it.nationalId}'`, file, start, end, range: locate(file, start, end) });
      return -1;
    }
    return j;
  });
  const subsOf = N.items.map((_, j) => natOf.flatMap((x, i) => (x === j ? [i] : [])));
  return { mapping: { natOf, subsOf }, problems };
}

export function verify(province: CompileResult, national: CompileResult, options: VerifyOptions = {}): VerificationResult {
  const t0 = Date.now();
  const locate = locator(province, national);
  const p = irFor(province, locate);
  const n = irFor(national, locate);
  const metaLoc = province.ast?.keys.meta ?? { start: 0, end: 0 };
  const interval = overlap(p.ir?.meta ?? { effective: '', expires: null }, n.ir?.meta ?? { effective: '', expires: null }) ?? { from: p.ir?.meta.effective || '2026-01-01', to: null };
  const result: VerificationResult = {
    status: 'error',
    province: ref(province, p.ir),
    national: ref(national, n.ir),
    anchor: { file: province.file, range: locate(province.file, metaLoc.start, metaLoc.end) },
    interval,
    stricter: [],
    assumptions: [],
    problems: [...p.problems, ...n.problems],
    stats: { situations: 0, contexts: 0, itemProblems: 0, states: 0, ms: 0 },
  };
  const done = () => ((result.stats.ms = Date.now() - t0), result);
  if (!p.ir || !n.ir) return done();
  result.assumptions = assumptionsOf(province, locate);
  const P = compileRuleSet(p.ir);
  const N = compileRuleSet(n.ir);
  const aP = analyze(p.ir, sourcedExprs(province, p.ir), locate);
  const aN = analyze(n.ir, sourcedExprs(national, n.ir), locate);
  const { mapping, problems } = mappingOf(p.ir, n.ir, province, locate);
  result.problems.push(...aP.problems, ...aN.problems, ...problems);
  if (result.problems.some((x) => x.code === 'FL4004' || x.code === 'FL4008')) return done();
  const run: Run = { province, national, P, N, aP, aN, mapping, interval, locate, options, t0, limit: options.timeLimitMs ?? 10_000 };

  let out: SearchOutput;
  try {
    out = searchOnce(run);
  } catch (e) {
    if (!(e instanceof Unknown)) throw e;
    result.status = 'unknown';
    result.reason = { zh: e.zh, en: e.en };
    return done();
  }
  Object.assign(result.stats, { situations: out.situations, contexts: out.contexts, itemProblems: out.itemProblems, states: out.states });
  try {
    if (out.stopped) result.stricterIncomplete = true;
    const dims = factDims(p.ir, n.ir, aP, aN);
    if (out.weak) reportWeakness(run, out, out.weak, dims, result);
    else result.status = 'notWeaker';
    reportStricter(run, out, dims, result);
  } catch (e) {
    if (!(e instanceof ReplayMismatch)) throw e;
    result.status = 'error';
    result.counterexample = undefined;
    result.problems.push({ code: 'FL4099', detail: e.message, detailEn: e.message, file: province.file, start: metaLoc.start, end: metaLoc.end, range: result.anchor.range });
  }
  return done();
}

type Dims = ReturnType<typeof factDims>;

/** One verification's rule sets, compiled and analysed, and its options and clock. */
interface Run {
  province: CompileResult;
  national: CompileResult;
  P: Compiled;
  N: Compiled;
  aP: SideAnalysis;
  aN: SideAnalysis;
  mapping: Mapping;
  interval: { from: string; to: string | null };
  locate: Locate;
  options: VerifyOptions;
  t0: number;
  limit: number;
}

/** The search, or the cached output of the same search; throws Unknown past the budget. */
function searchOnce(run: Run): SearchOutput {
  const { P, N, options, interval } = run;
  const key = options.cache ? searchKey(P.ir, N.ir, interval, options) : '';
  if (options.cache && options.cache.key === key) return options.cache.out as SearchOutput;
  const out = search({
    P,
    N,
    aP: run.aP,
    aN: run.aN,
    mapping: run.mapping,
    from: interval.from,
    to: interval.to,
    maxStates: options.maxStates ?? 2_000_000,
    // A tenth of the budget stays for the replay and the report after the search, and for what
    // cannot be interrupted (a garbage collection, a busy machine not scheduling the thread).
    deadline: run.t0 + run.limit * 0.9,
    stricter: options.stricter ?? true,
    cancelled: options.cancelled,
    strategy: options.strategy ?? 'conditions',
  });
  if (options.cache) Object.assign(options.cache, { key, out });
  return out;
}

/** A situation replayed through both sides' evaluators. */
interface Replayed {
  record: EnterpriseRecord;
  nationalRec: EnterpriseRecord;
  dp: Decision | unknown;
  dn: Decision | unknown;
  naP: Int32Array;
  naN: Int32Array;
}

/**
 * The replay goes through the evaluators' public evaluate(): the record JSON is prepared from
 * scratch, none of the search's shortcuts (answer bits, history fields) are involved.
 */
function replay(run: Run, s: Situation, id: string, trace: boolean, side: Compiled = run.P): Replayed {
  const { N, mapping } = run;
  const probeP = side.evaluator.prepare(provincialRecord(side.ir, s, null, id));
  const probeN = N.evaluator.prepare(nationalRecord(N.ir, mapping, s, null, id));
  if ('error' in probeP || 'error' in probeN) throw new Error('internal: a generated record does not prepare');
  const naP = probeP.inScope ? side.gen.na({ ...probeP, prev: s.prev }) : new Int32Array(side.ir.words);
  const naN = probeN.inScope ? N.gen.na({ ...probeN, prev: s.prev }) : new Int32Array(N.ir.words);
  const record = provincialRecord(side.ir, s, probeP.inScope ? naP : null, id);
  const nationalRec = nationalRecord(N.ir, mapping, s, probeN.inScope ? naN : null, id);
  const dp = side.evaluator.evaluate(record, { trace });
  const dn = N.evaluator.evaluate(nationalRec, { trace });
  if ('error' in dp || 'error' in dn) throw new ReplayMismatch(`记录错误 ${'error' in dp ? dp.error.code : (dn as { error: { code: string } }).error.code}`);
  return { record, nationalRec, dp, dn, naP, naN };
}

/** The replay must decide what the search decided (class and mode ranks, -1 out of scope). */
function expectDecided(c: Replayed, decided: readonly number[]): void {
  for (const [d, cls, mode, side] of [
    [c.dp as Decision, decided[0], decided[1], '本省'],
    [c.dn as Decision, decided[2], decided[3], '国家'],
  ] as const) {
    const got = d.inScope ? [CLASS_RANK[d.class!], MODE_RANK[d.mode!]] : [-1, -1];
    if (got[0] !== cls || got[1] !== mode) throw new ReplayMismatch(`${side}：搜索得到 ${CLASS_BY_RANK[cls!] ?? '不适用'}/${MODE_BY_RANK[mode!] ?? '—'}，重放得到 ${d.class ?? '不适用'}/${d.mode ?? '—'}`);
  }
}

/** The weakness found, replayed, explained, with the thresholds that would remove it. */
function reportWeakness(run: Run, out: SearchOutput, w: NonNullable<SearchOutput['weak']>, dims: Dims, result: VerificationResult): void {
  const { province, national, P, N, mapping } = run;
  const c = replay(run, w.situation, 'verify-counterexample', true);
  expectDecided(c, w.decided);
  result.counterexample = { ...counterexample(province, national, P.ir, N.ir, mapping, w.situation, w.kind, c, dims), minimal: out.minimal };
  // The least strict thresholds that remove it, each checked by verifying the changed rules again.
  const model = province.linked?.model;
  if (model) {
    const suggestions = suggestThresholds({ model, P: P.ir, own: provinceFiles(model, national.linked?.model ?? null), province: c.dp as Decision, national: c.dn as Decision, kind: w.kind, locate: run.locate, anchor: result.anchor, recheck: rechecker(run, out, w.at) });
    if (suggestions.length) result.counterexample.suggestions = suggestions;
  }
  if (out.stopped) result.reason = { zh: out.stopped.zh, en: out.stopped.en };
  result.status = 'weaker';
}

/**
 * Verifies a suggestion's changed rules again. Re-verifying may take at most three times what
 * the search took (at least 3 s), within the time limit; past that the suggestion stays, said
 * to be unverified.
 */
function rechecker(run: Run, out: SearchOutput, at: number): (ir: RuleSetIR) => Recheck {
  const { N, aN, mapping, interval, options } = run;
  const searched = Date.now() - run.t0;
  const until = Math.min(run.t0 + run.limit * 0.9, Date.now() + Math.max(3000, 3 * searched));
  // Each new weakness is looked for first where the last one was found.
  let startAt = at;
  return (ir) => {
    if (Date.now() >= until) return { status: 'unknown' };
    const side = compileRuleSet(ir);
    const aS = analyze(ir, sourcedExprs(run.province, ir), run.locate);
    if (aS.problems.length) return { status: 'unknown' };
    try {
      // Only thresholds changed: the space of the verdict serves again (the search checks that it
      // was built from the same), and any weakness is enough to raise them further.
      const again = search({ P: side, N, aP: aS, aN, mapping, from: interval.from, to: interval.to, maxStates: options.maxStates ?? 2_000_000, deadline: until, stricter: false, cancelled: options.cancelled, space: out.space, firstWeakness: true, startAt });
      if (!again.weak) return { status: 'notWeaker' };
      startAt = again.weak.at;
      const x = replay(run, again.weak.situation, 'verify-suggestion', false, side);
      return { status: 'weaker', province: x.dp as Decision, national: x.dn as Decision, kind: again.weak.kind };
    } catch (e) {
      if (e instanceof Unknown || e instanceof ReplayMismatch) return { status: 'unknown' };
      throw e;
    }
  };
}

const STRICTER_ORDER = ['assess', 'review', 'mode', 'risk', 'scope'];

/** Where the province is stricter, one example per kind, simplest first. */
function reportStricter(run: Run, out: SearchOutput, dims: Dims, result: VerificationResult): void {
  const { P, N, mapping } = run;
  const stop = run.t0 + run.limit;
  for (const g of [...out.stricter.values()].sort((x, y) => STRICTER_ORDER.indexOf(x.cause) - STRICTER_ORDER.indexOf(y.cause) || x.cost[0] - y.cost[0] || x.cost[1] - y.cost[1] || x.cost[2] - y.cost[2])) {
    // The stricter report is a courtesy: it stops at the time limit (and says so).
    if (Date.now() > stop) {
      result.stricterIncomplete = true;
      break;
    }
    const c = replay(run, g.situation, 'verify-stricter', false);
    expectDecided(c, g.decided);
    const dp = c.dp as Decision;
    const dn = c.dn as Decision;
    const words = stricterWords(g.cause, g.situation, dp, dn, failures(P.ir, N.ir, mapping, g.situation), dims);
    result.stricter.push({
      text: words.zh,
      textEn: words.en,
      situations: g.count,
      national: { class: dn.class, mode: dn.mode },
      province: { class: dp.class, mode: dp.mode },
      record: c.record,
    });
  }
}

class ReplayMismatch extends Error {}

/** The province's 验证假设, where they are written. */
function assumptionsOf(province: CompileResult, locate: Locate): Assumption[] {
  return (province.linked?.model.items ?? []).flatMap((it) => {
    const a = it.verifyAssumption;
    if (!a) return [];
    const range = locate(a.from.file, a.from.loc.start, a.from.loc.end);
    return [{ item: it.id, nationalId: it.nationalId, text: a.text, file: a.from.file, line: range.start.line + 1, range }];
  });
}

/** Fields of the IR that only name, cite or locate things: the search reads none of them. */
const PRESENTATION = new Set(['text', 'article', 'methods', 'src', 'itemsSrc', 'modeSrc', 'scopeSrc', 'measures']);

/** Everything the search depends on: both IRs without their presentation fields, the interval and the options. */
function searchKey(P: RuleSetIR, N: RuleSetIR, interval: { from: string; to: string | null }, o: VerifyOptions): string {
  const strip = (k: string, v: unknown) => (PRESENTATION.has(k) ? undefined : v);
  const meta = (ir: RuleSetIR) => ({ effective: ir.meta.effective, expires: ir.meta.expires });
  return JSON.stringify([{ ...P, meta: meta(P) }, { ...N, meta: meta(N) }, interval, o.maxStates ?? 2_000_000, o.stricter ?? true, o.strategy ?? 'conditions'], strip);
}

/** One sentence per kind of stricter outcome, from its simplest example. */
function stricterWords(cause: StricterGroup['cause'], s: Situation, dp: Decision, dn: Decision, f: Words, dims: ReturnType<typeof factDims>): Words {
  const ctx = context(s, dims, { p: dp.riskLevel, n: dn.riskLevel }, cause === 'risk' || cause === 'scope' || dp.riskLevel !== 'Ⅲ级');
  const op = outcomeWords(dp);
  const on = outcomeWords(dn);
  switch (cause) {
    case 'assess': {
      const final = dp.class !== dp.assessedClass || dn.class !== dn.assessedClass ? `；调整后国家 ${on.zh}，本省 ${op.zh}` : `（国家${dn.mode}，本省${dp.mode}）`;
      const finalEn = dp.class !== dp.assessedClass || dn.class !== dn.assessedClass ? `; after adjustment national ${on.en}, provincial ${op.en}` : '';
      return { zh: `${f.zh}（${ctx.zh}）：国家评为 ${dn.assessedClass}类，本省评为 ${dp.assessedClass}类${final}`, en: `${f.en} (${ctx.en}): national class ${dn.assessedClass}, provincial class ${dp.assessedClass}${finalEn}` };
    }
    case 'review':
      return { zh: `${ctx.zh}，${f.zh}：评定类别国家 ${dn.assessedClass}、本省 ${dp.assessedClass}，经第二十一条调整国家 ${on.zh}，本省 ${op.zh}`, en: `${ctx.en}; ${f.en}: assessed national ${dn.assessedClass}, provincial ${dp.assessedClass}; after Art. 21 national ${on.en}, provincial ${op.en}` };
    case 'risk':
      return { zh: `主要产品风险等级国家${dn.riskLevel ?? '未定（不在目录中）'}、本省${dp.riskLevel ?? '未定（不在目录中）'}（例如 ${s.products.products.join('、') || '检查人员填写'}）：${dp.class}类企业国家${dn.mode}，本省${dp.mode}`, en: `risk level national ${dn.riskLevel ?? 'undetermined'}, provincial ${dp.riskLevel ?? 'undetermined'} (e.g. ${s.products.products.join(', ')}): class ${dp.class} national ${dn.mode}, provincial ${dp.mode}` };
    case 'mode':
      return { zh: `${dp.riskLevel}产品的${dp.class}类企业：国家${dn.mode}，本省${dp.mode}`, en: `level ${dp.riskLevel}, class ${dp.class}: national ${dn.mode}, provincial ${dp.mode}` };
    case 'scope':
      return { zh: `${ctx.zh}：国家规则不适用本办法，本省仍分类为 ${op.zh}`, en: `${ctx.en}: outside the national rules, provincial ${op.en}` };
  }
}

function counterexample(
  province: CompileResult,
  national: CompileResult,
  P: RuleSetIR,
  N: RuleSetIR,
  mapping: Mapping,
  s: Situation,
  kind: Counterexample['kind'],
  c: Replayed,
  dims: ReturnType<typeof factDims>,
): Omit<Counterexample, 'minimal'> {
  const dp = c.dp as Decision;
  const dn = c.dn as Decision;
  const checklist: ChecklistRow[] = [];
  const shown = new Set<number>();
  const pAns = c.record.inspection.answers;
  const nAns = c.nationalRec.inspection.answers;
  P.items.forEach((it, i) => {
    const j = mapping.natOf[i]!;
    const first = j >= 0 && !shown.has(j);
    if (first) shown.add(j);
    checklist.push({ id: it.id, text: it.text, directive: it.directive, origin: it.origin, nationalId: j >= 0 ? N.items[j]!.id : null, answer: pAns[it.id] ?? '', nationalAnswer: first ? (nAns[N.items[j]!.id] ?? '') : '' });
  });
  N.items.forEach((it, j) => {
    if (!shown.has(j) && mapping.subsOf[j]!.length === 0) checklist.push({ id: it.id, text: it.text, directive: it.directive, origin: 'nationalOnly', nationalId: it.id, answer: '', nationalAnswer: nAns[it.id] ?? '' });
  });
  const model = province.linked?.model;
  const candidates = model ? blame({ model, nationalModel: national.linked?.model ?? null, P, N, mapping, situation: s, naP: c.naP, province: dp, national: dn, record: c.record, nationalRecord: c.nationalRec }) : [];
  const clauses = rankCauses(candidates, { P, record: c.record, province: dp, national: dn });
  const f = failures(P, N, mapping, s);
  const ctx = context(s, dims, { p: dp.riskLevel, n: dn.riskLevel });
  const op = outcomeWords(dp);
  const on = outcomeWords(dn);
  const what = kind === 'class' ? ['本省类别更高', 'a higher provincial class'] : kind === 'mode' ? ['本省监管方式更宽松', 'a lighter provincial mode'] : ['本省不适用本办法而国家适用', 'outside the provincial rules but inside the national ones'];
  return {
    kind,
    record: c.record,
    nationalRecord: c.nationalRec,
    province: dp,
    national: dn,
    failedItems: s.failP.length + s.failN.length,
    events: s.events.total,
    checklist,
    clauses,
    summary: `${ctx.zh}，${f.zh}：本省 ${op.zh}，国家 ${on.zh}——${what[0]}`,
    summaryEn: `${ctx.en}; ${f.en}: provincial ${op.en}, national ${on.en} — ${what[1]}`,
  };
}
