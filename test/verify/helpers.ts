// Shared helpers of the verifier tests: in-memory provinces over the bundled national rules,
// textual mutations, and an independent replay of a counterexample.
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { Program, nodeHost, type CompileResult } from '../../compiler/program.js';
import { loadEvaluator } from '../../compiler/codegen/load.js';
import { lower } from '../../compiler/ir/lower.js';
import { verify } from '../../compiler/verify/verify.js';
import type { VerificationResult, VerifyOptions } from '../../compiler/verify/types.js';
import type { Decision, EnterpriseRecord, Outcome, RuleSetIR } from '../../runtime/index.js';
import { MemoryHost, REPO, VDIR, vpath } from '../compiler/helpers.js';

export const FIXTURE = (name: 'zhejiang' | 'jiangsu'): string => readFileSync(new URL(`./fixtures/${name}.yaml`, import.meta.url), 'utf8');
export const EXAMPLE = (name: 'zhejiang' | 'jiangsu'): string => `${REPO}rules/examples/${name}/rules.yaml`;

let national: CompileResult | undefined;
export function nationalResult(): CompileResult {
  national ??= new Program(nodeHost, REPO).compile('national');
  return national;
}

/** Compiles `text` as an in-memory province (its 基于 resolves as on disk). */
export function compileFile(text: string, name = 'p.yaml', others: Record<string, string> = {}): CompileResult {
  return new Program(new MemoryHost({ ...others, [name]: text }), VDIR).compile(vpath(name));
}

export function verifyText(text: string, options: VerifyOptions = {}): { result: VerificationResult; province: CompileResult } {
  const province = compileFile(text);
  return { result: verify(province, nationalResult(), { timeLimitMs: 60_000, ...options }), province };
}

/** `text` with `from` (which must occur exactly once) replaced. */
export function replaceOnce(text: string, from: string | RegExp, to: string): string {
  const hits = typeof from === 'string' ? text.split(from).length - 1 : [...text.matchAll(new RegExp(from.source, from.flags.includes('g') ? from.flags : from.flags + 'g'))].length;
  if (hits !== 1) throw new Error(`mutation anchor ${String(from)} occurs ${hits} times`);
  return text.replace(from, to);
}

/** Inserts `lines` after the top-level key `key:` (adding the section at the end when absent). */
export function addToSection(text: string, key: string, lines: string): string {
  const re = new RegExp(`^${key}:[ \\t]*\\n`, 'm');
  if (re.test(text)) return replaceOnce(text, re, `${key}:\n${lines}`);
  return `${text.trimEnd()}\n\n${key}:\n${lines}`;
}

export function items(prefix: string, n: number, extra = ''): string {
  return Array.from({ length: n }, (_, i) => `  - { 编号: "${prefix}${String(i + 1).padStart(2, '0')}", 内容: 测试项目${i + 1}, 答案: 发现问题/未发现问题${extra} }\n`).join('');
}

function decision(o: Outcome): Decision {
  if ('error' in o) throw new Error(`record error ${o.error.code} ${o.error.field}: ${o.error.message}`);
  return o;
}

const RANK: Record<string, number> = { C: 0, B: 1, A: 2, AA: 3 };
const MODE: Record<string, number> = { 加严监管: 0, 常态监管: 1, 责任监管: 2, 信用监管: 3 };

/** The national answers a provincial record stands for (docs/interpretation.md), written independently of the verifier. */
export function nationalAnswers(P: RuleSetIR, N: RuleSetIR, rec: EnterpriseRecord): Record<string, 'pass' | 'fail' | 'free'> {
  const out: Record<string, 'pass' | 'fail' | 'free'> = {};
  for (const n of N.items) {
    const subs = P.items.filter((it) => it.nationalId === n.id);
    const applicable = subs.filter((it) => rec.inspection.answers[it.id] !== '不适用');
    // D2′: a part not applicable without a stated assumption leaves the national answer free.
    if (subs.some((it) => rec.inspection.answers[it.id] === '不适用' && !it.assume)) out[n.id] = applicable.some((it) => ['发现问题', '不符合'].includes(rec.inspection.answers[it.id]!)) ? 'fail' : 'free';
    else if (applicable.length === 0) out[n.id] = 'free';
    else out[n.id] = applicable.some((it) => ['发现问题', '不符合'].includes(rec.inspection.answers[it.id]!)) ? 'fail' : 'pass';
  }
  return out;
}

/**
 * Replays the counterexample independently: the provincial evaluator on the record, the national
 * evaluator on the national record; checks the national record is the national view of the
 * record and that the province is weaker for it. Returns both decisions.
 */
export function replay(r: VerificationResult, province: CompileResult): { p: Decision; n: Decision } {
  const c = r.counterexample;
  if (!c) throw new Error(`no counterexample (status ${r.status}${r.reason ? `: ${r.reason.en}` : ''}; ${r.problems.map((x) => x.detailEn).join('; ')})`);
  const P = province.ir ?? lower(province.linked!);
  const N = nationalResult().ir!;
  const p = decision(loadEvaluator(P).evaluate(c.record));
  const n = decision(loadEvaluator(N).evaluate(c.nationalRecord));
  const want = nationalAnswers(P, N, c.record);
  for (const it of N.items) {
    const got = ['发现问题', '不符合'].includes(c.nationalRecord.inspection.answers[it.id]!) ? 'fail' : 'pass';
    if (want[it.id] !== 'free') expect(`${it.id}:${got}`).toBe(`${it.id}:${want[it.id]}`);
  }
  const { answers: _a, ...insP } = c.record.inspection;
  const { answers: _b, ...insN } = c.nationalRecord.inspection;
  expect(insN).toEqual(insP);
  expect(c.nationalRecord.enterprise.products).toEqual(c.record.enterprise.products);
  expect([p.class, p.mode, n.class, n.mode]).toEqual([c.province.class, c.province.mode, c.national.class, c.national.mode]);
  const weaker = !p.inScope ? n.inScope : n.inScope && (RANK[p.class!]! > RANK[n.class!]! || MODE[p.mode!]! > MODE[n.mode!]!);
  expect(weaker).toBe(true);
  return { p, n };
}

/** The essentials of a counterexample, for exact expectations. */
export function essentials(r: VerificationResult) {
  const c = r.counterexample!;
  return {
    kind: c.kind,
    failed: c.province.failedItems,
    nationalFailed: c.national.failedItems,
    events: c.events,
    province: `${c.province.class}/${c.province.mode}`,
    national: `${c.national.class}/${c.national.mode}`,
  };
}
