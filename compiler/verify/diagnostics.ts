// The verification result as diagnostics (FL40xx) with ranges, for the language server and
// `fenlei verify --json`: the weakness on the responsible clause with the counterexample in
// `data` and the other clauses in `related`; the proof, an unknown answer and the problems.
import type { Diagnostic } from '../diagnostics/types.js';
import { VERIFY_CODES, type VerifyCode } from './codes.js';
import type { VerificationResult } from './types.js';

type Args = Record<string, string | number>;

function make(code: VerifyCode, args: Args, file: string, range: Diagnostic['range'], extra: Partial<Diagnostic> = {}): Diagnostic {
  const spec = VERIFY_CODES[code];
  return { code, severity: spec.severity, message: spec.zh(args), messageEn: spec.en(args), file, range, ...extra };
}

export function verificationDiagnostics(r: VerificationResult): Diagnostic[] {
  const out: Diagnostic[] = [];
  const national = `${r.national.name} ${r.national.version}`.trim();
  for (const p of r.problems) {
    out.push(make(p.code, { detail: p.detail, detailEn: p.detailEn }, p.file, p.range));
  }
  if (r.status === 'weaker' && r.counterexample) {
    const c = r.counterexample;
    const [first, ...rest] = c.clauses;
    const at = first ? { file: first.file, range: first.range } : r.anchor;
    out.push(
      make('FL4001', { detail: c.summary, detailEn: c.summaryEn }, at.file, at.range, {
        related: [...(first ? [{ file: r.anchor.file, range: r.anchor.range, message: `与 ${national} 比较 / compared with ${national}` }] : []), ...rest.map((x) => ({ file: x.file, range: x.range, message: x.what }))],
        data: { counterexample: c, national: r.national, interval: r.interval },
      }),
    );
    for (const x of rest) out.push(make('FL4009', { what: x.what, whatEn: x.whatEn }, x.file, x.range, { related: [{ file: at.file, range: at.range, message: c.summary }] }));
  } else if (r.status === 'notWeaker') {
    out.push(make('FL4002', { national, situations: r.stats.situations, ms: r.stats.ms }, r.anchor.file, r.anchor.range, { data: { stats: r.stats, interval: r.interval } }));
  } else if (r.status === 'unknown') {
    out.push(make('FL4003', { reason: r.reason?.zh ?? '', reasonEn: r.reason?.en ?? '' }, r.anchor.file, r.anchor.range, { data: { stats: r.stats, reason: r.reason } }));
  }
  for (const a of r.assumptions) out.push(make('FL4010', { item: a.item, national: a.nationalId ?? '—', text: a.text }, a.file, a.range));
  for (const s of r.stricter) out.push(make('FL4005', { text: s.text, textEn: s.textEn }, r.anchor.file, r.anchor.range, { data: { record: s.record } }));
  return out;
}
