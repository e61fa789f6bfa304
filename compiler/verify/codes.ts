// Diagnostic codes of the verifier (FL40xx), kept apart from compiler/diagnostics/codes.ts.
// Same shape as CODES there, so the language server can treat both alike.
import type { CodeSpec } from '../diagnostics/codes.js';

const c = (severity: CodeSpec['severity'], zh: CodeSpec['zh'], en: CodeSpec['en']): CodeSpec => ({ severity, zh, en });

export const VERIFY_CODES = {
  FL4001: c('error', (a) => `细则比国家规则宽松：${a.detail}`, (a) => `The rules are weaker than the national rules: ${a.detailEn}`),
  FL4002: c('info', (a) => `已证明不比国家规则（${a.national}）宽松：${a.situations} 种可区分的企业情形全部比较，用时 ${a.ms} 毫秒`, (a) => `Proven not weaker than ${a.national}: all ${a.situations} distinguishable enterprise situations compared in ${a.ms} ms`),
  FL4003: c('warning', (a) => `验证未完成（${a.reason}），结论未知：不能据此认为细则不比国家规则宽松`, (a) => `Verification did not finish (${a.reasonEn}); the answer is unknown, not "not weaker"`),
  FL4004: c('error', (a) => `无法精确推理：${a.detail}。验证器不对此给出结论`, (a) => `Cannot reason exactly: ${a.detailEn}; the verifier gives no answer`),
  FL4005: c('info', (a) => `比国家规则严格：${a.text}`, (a) => `Stricter than the national rules: ${a.textEn}`),
  FL4006: c('warning', (a) => `${a.detail}（所比较的国家规则中没有），按补充项目比较`, (a) => `${a.detailEn} (not in the compared national rules); compared as supplementary`),
  FL4007: c('info', (a) => `与“${a.national}”（${a.interval}）的生效期间不重叠，未比较`, (a) => `Not in force together with '${a.national}' (${a.interval}); not compared`),
  FL4008: c('error', (a) => `规则有错误，无法验证：${a.detail}`, (a) => `The rules have errors and cannot be verified: ${a.detail}`),
  FL4009: c('info', (a) => `这一条款也是上述宽松的原因（第 ${a.rank} 条）：${a.what}${a.after ? `；${a.after}` : ''}`, (a) => `This clause is also a cause of the weakness (no. ${a.rank}): ${a.whatEn}${a.afterEn ? `; ${a.afterEn}` : ''}`),
  FL4010: c('info', (a) => `验证假设：项目 ${a.item} 不适用时，国家第${a.national}项按“通过”勾选（${a.text}）。“不比国家规则宽松”的结论以此为前提`, (a) => `Verification assumption: when item ${a.item} is not applicable, national item ${a.national} is ticked as passing (${a.text}); the verdict holds only under it`),
  FL4020: c('warning', (a) => `建议：${a.suggestion}。${a.write}${a.together ? '（与其他建议的门槛一起改）' : ''}${a.verified ? '。已验证：按建议修改后不比国家规则宽松' : a.note ? `。未验证：${a.note}` : ''}`, (a) => `Suggestion: ${a.suggestionEn}; ${a.writeEn}${a.together ? ' (together with the other suggested thresholds)' : ''}${a.verified ? '. Verified: with it the rules are not weaker' : a.noteEn ? `. Not verified: ${a.noteEn}` : ''}`),
  FL4099: c('error', (a) => `fenlei 内部错误：反例重放与验证结果不一致（${a.detail}），请报告`, (a) => `Internal error: the counterexample replays differently (${a.detail}); please report`),
} as const satisfies Record<string, CodeSpec>;

export type VerifyCode = keyof typeof VERIFY_CODES;
