// Expression shapes an attacker would write (issue 13): long flat chains, deep brackets, huge
// numbers, long names, each in a real condition of a province over the national rules. The
// front end never throws; the limits answer with their codes; whatever compiles has finite
// numbers in its IR and evaluates a record.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { resolve } from 'node:path';
import { Program, nodeHost, loadEvaluator, type FileHost } from '../../compiler/index.js';
import { MAX_EXPRESSION_CHARS, MAX_OPERATORS } from '../../grammar/expr/index.js';
import { FUZZ_RUNS, FUZZ_SEED, report } from './settings.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const PATH = resolve(ROOT, 'test-output', 'fuzz', 'expr.yaml');
/** A case takes ~30 ms: a smaller budget than the other suites in `npm test`, the full one in `npm run fuzz`. */
const RUNS = process.env.FENLEI_FUZZ_RUNS ? FUZZ_RUNS : 40;
const TIMEOUT = 60_000 + RUNS * 100;

const HEAD = `元数据:\n  名称: 模糊测试\n  地区: 测试省\n  版本: "1"\n  生效日期: 2026-01-01\n  基于: national\n企业信息:\n  - { 名称: 年产值, 类型: 数值, 默认: 5 }\n  - { 名称: 出口企业, 类型: 布尔, 默认: 否 }\n分类:\n  C:\n    任一条件:\n      - 名称: 模糊\n        条件: `;

let current = '';
const host: FileHost = { read: (p) => (p === PATH ? { text: current } : nodeHost.read(p)) };
/** One program for the suite: the national base is compiled once. */
const program = new Program(host, ROOT);

const TERMS = ['1', '年产值', '次数(抽查不合格)', '次数(行政处罚, 近3年)', '通过率', '90%', '出口企业', '非 出口企业', '全部通过', '#3', '(年产值)', '[#1, #2]'];
const OPS = [' + ', ' - ', ' * ', ' / ', ' 且 ', ' 或 ', ' < ', ' >= ', '+', ' = '];
const OPEN = ['(', '[', '非 ', '-', '（', '【'];
const CLOSE = [')', ']', '）', '】'];

/** A flat chain of up to 6,000 terms (the binder once overflowed at 5,000). */
const flatChain = fc
  .record({ n: fc.integer({ min: 1, max: 6000 }), terms: fc.array(fc.nat(), { minLength: 1, maxLength: 8 }), ops: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), tail: fc.boolean() })
  .map(({ n, terms, ops, tail }) => {
    const parts: string[] = [];
    for (let i = 0; i < n; i++) parts.push((i > 0 ? OPS[ops[i % ops.length]! % OPS.length]! : '') + TERMS[terms[i % terms.length]! % TERMS.length]!);
    // Tagged with its operator count (n − 1), which holds() strips off.
    return `\u0000${n - 1}\u0000` + parts.join('') + (tail ? ' > 1' : '');
  });

/** Up to 40,000 levels of brackets and prefixes, balanced or not. */
const deepBrackets = fc
  .record({ depth: fc.integer({ min: 1, max: 40_000 }), opens: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), balanced: fc.boolean(), inner: fc.nat() })
  .map(({ depth, opens, balanced, inner }) => {
    let open = '';
    let close = '';
    for (let i = 0; i < depth; i++) {
      const o = OPEN[opens[i % opens.length]! % OPEN.length]!;
      open += o;
      if (o === '(' || o === '[') close = (o === '(' ? ')' : ']') + close;
    }
    return open + TERMS[inner % TERMS.length] + (balanced ? close : close.slice(0, close.length >> 1) + CLOSE[inner % CLOSE.length]);
  });

/** Numbers of up to 500 digits, with fractions, percent signs and exponents, against a fact or the pass ratio. */
const hugeNumber = fc
  .record({ int: fc.integer({ min: 1, max: 500 }), frac: fc.integer({ min: 0, max: 40 }), digit: fc.integer({ min: 0, max: 9 }), form: fc.nat(5) })
  .map(({ int, frac, digit, form }) => {
    const n = String(digit || 1) + String(digit).repeat(int - 1) + (frac ? '.' + '3'.repeat(frac) : '');
    return [`年产值 > ${n}`, `通过率 >= ${n}%`, `年产值 < -${n}`, `次数(抽查不合格, 近${n}年) > 0`, `年产值 > ${n}e400`, `年产值 * ${n} > ${n}`][form]!;
  });

/** Names of up to 20,000 characters (undefined, so FL2005 or a limit). */
const longName = fc
  .record({ n: fc.integer({ min: 1, max: 20_000 }), ch: fc.constantFrom('企', 'a', '_', '·', '★', '且', '非') })
  .map(({ n, ch }) => `${'名'}${ch.repeat(n)} > 1`);

const SHAPES = { 'flat chains': flatChain, 'deep brackets': deepBrackets, 'huge numbers': hugeNumber, 'long names': longName } as const;

const answers = Object.fromEntries(Array.from({ length: 19 }, (_, i) => [String(i + 1), '符合']));
const RECORD = { id: 'x', enterprise: { name: '某企业', products: ['电线电缆'], facts: { 年产值: 12 } }, inspection: { date: '2026-03-01', answers } };

/** Every number in the IR is finite (JSON would have stored an overflow as null). */
function finiteNumbers(v: unknown): boolean {
  if (typeof v === 'number') return Number.isFinite(v);
  if (v === null) return true;
  if (Array.isArray(v)) return v.every(finiteNumbers);
  if (typeof v === 'object') return Object.values(v as object).every(finiteNumbers);
  return true;
}

/** A flat chain of n terms has at least n − 1 operators. */
const chainOperators = (expr: string): number => (expr.startsWith('\u0000') ? Number(expr.slice(1, expr.indexOf('\u0000', 1))) : 0);

function holds(tagged: string): boolean {
  const minOperators = chainOperators(tagged);
  const expr = minOperators ? tagged.slice(tagged.indexOf('\u0000', 1) + 1) : tagged;
  current = HEAD + JSON.stringify(expr) + '\n';
  const r = program.compile(PATH);
  const own = r.diagnostics.filter((d) => d.file === r.file);
  for (const d of own) {
    const { start, end } = d.range;
    if (!(start.offset >= 0 && start.offset <= end.offset && end.offset <= current.length) || !d.code || !d.message || !d.messageEn) return false;
  }
  const codes = own.map((d) => d.code);
  if (expr.length > MAX_EXPRESSION_CHARS && !codes.includes('FL0110')) return false;
  if (expr.length <= MAX_EXPRESSION_CHARS && minOperators > MAX_OPERATORS && !codes.includes('FL0111')) return false;
  if (r.ok) {
    if (!r.ir || !finiteNumbers(r.ir.classification)) return false;
    const o = loadEvaluator(r.ir).evaluate(RECORD);
    if (!('error' in o) && !('class' in o)) return false;
  }
  return true;
}

describe('expression shapes an attacker would write', () => {
  for (const [name, shape] of Object.entries(SHAPES)) {
    it(`${name}: the front end answers with a diagnostic or a working evaluator`, () => {
      let tried = 0;
      fc.assert(
        fc.property(shape, (expr) => {
          tried++;
          return holds(expr);
        }),
        { seed: FUZZ_SEED, numRuns: RUNS },
      );
      report(`expressions: ${name}`, tried);
      expect(tried).toBe(RUNS);
    }, TIMEOUT);
  }
});
