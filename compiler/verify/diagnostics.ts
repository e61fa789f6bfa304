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
    // The causes in their ranked order; a clause whose correction alone changes nothing is no cause.
    const [first, ...rest] = c.clauses.filter((x) => x.effect !== 'none');
    const at = first ? { file: first.file, range: first.range } : r.anchor;
    const cause = first ? `。原因：${first.what}` : '';
    const causeEn = first ? `. Cause: ${first.whatEn}` : '';
    out.push(
      make('FL4001', { detail: c.summary + cause, detailEn: c.summaryEn + causeEn }, at.file, at.range, {
        related: [...(first ? [{ file: r.anchor.file, range: r.anchor.range, message: `与 ${national} 比较 / compared with ${national}` }] : []), ...rest.map((x) => ({ file: x.file, range: x.range, message: x.what }))],
        data: { counterexample: c, national: r.national, interval: r.interval },
      }),
    );
    rest.forEach((x, k) => {
      const after = x.after && x.effect === 'fixes' ? { zh: `只改这一处：本省 ${x.after.class}类，不再比国家宽松`, en: `this alone: provincial class ${x.after.class}, no longer weaker` } : x.effect === 'jointly' ? { zh: '要与其他原因一起改', en: 'needed together with the other causes' } : null;
      out.push(make('FL4009', { rank: k + 2, what: x.what, whatEn: x.whatEn, after: after?.zh ?? '', afterEn: after?.en ?? '' }, x.file, x.range, { related: [{ file: at.file, range: at.range, message: c.summary }] }));
    });
    const sug = c.suggestions ?? [];
    for (const x of sug) {
      const args = { suggestion: x.zh, suggestionEn: x.en, write: x.write.zh, writeEn: x.write.en, together: sug.length > 1 ? 1 : 0, verified: x.verified ? 1 : 0, note: x.note?.zh ?? '', noteEn: x.note?.en ?? '' };
      // A threshold the province writes gets the quick fix that sets it (an inherited one is added by hand).
      const fixes = x.own ? [{ title: `把${x.cls}类门槛改为 ${x.value} / set the class ${x.cls} threshold to ${x.value}`, edits: [{ start: x.start, end: x.end, newText: x.value }] }] : undefined;
      out.push(make('FL4020', args, x.file, x.range, { ...(fixes ? { fixes } : {}), related: [{ file: at.file, range: at.range, message: c.summary }] }));
    }
  } else if (r.status === 'notWeaker') {
    out.push(make('FL4002', { national, situations: r.stats.situations, ms: r.stats.ms }, r.anchor.file, r.anchor.range, { data: { stats: r.stats, interval: r.interval } }));
  } else if (r.status === 'unknown') {
    out.push(make('FL4003', { reason: r.reason?.zh ?? '', reasonEn: r.reason?.en ?? '' }, r.anchor.file, r.anchor.range, { data: { stats: r.stats, reason: r.reason } }));
  }
  for (const a of r.assumptions) out.push(make('FL4010', { item: a.item, national: a.nationalId ?? '—', text: a.text }, a.file, a.range));
  for (const s of r.stricter) out.push(make('FL4005', { text: s.text, textEn: s.textEn }, r.anchor.file, r.anchor.range, { data: { record: s.record } }));
  return out;
}
