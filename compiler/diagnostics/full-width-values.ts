// Full-width characters typed by a Chinese input method where YAML or a value needs ASCII.
// The front end reports full-width colons after keys (FL0008), full-width list punctuation
// (FL0012) and full-width punctuation, digits and Chinese quotes in conditions (FL1102–FL1104),
// each with its fix; in other values the mistake shows as a wrong type or an unknown id, and
// this module adds the explanation and the fix to that diagnostic.
import type { Diagnostic, Fix } from './types.js';

const FULL_DIGIT = /[０-９]/g;
const MAP: Record<string, string> = { '％': '%', '：': ':', '．': '.', '－': '-', '，': ',' };
const HAS_FULL = /[０-９％：“”‘’．－]/;

/** The ASCII form of a YAML value typed with full-width characters, or undefined. */
export function asciiValue(value: string): string | undefined {
  if (!HAS_FULL.test(value)) return undefined;
  let v = value.replace(FULL_DIGIT, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/[％：．－，]/g, (c) => MAP[c]!);
  const q = /^([“‘])(.*)([”’])$/s.exec(v);
  if (q) v = JSON.stringify(q[2]);
  v = v.replace(/[“”‘’]/g, '"');
  return v === value ? undefined : v;
}

/** A diagnostic on a value with full-width characters, explained and given a fix. */
export function withFullWidthFix(d: Diagnostic, text: string): Diagnostic {
  // Diagnostics with a repair of their own (FL0008, FL0012, FL1102–FL1104) need no second one.
  if (d.fixes?.some((f) => f.safe) || d.range.start.offset === d.range.end.offset) return d;
  const { offset: start } = d.range.start;
  const { offset: end } = d.range.end;
  const value = text.slice(start, end);
  const ascii = asciiValue(value);
  if (ascii === undefined) return d;
  const fix: Fix = { title: `改为半角“${ascii}” (use ASCII)`, edits: [{ start, end, newText: ascii }], safe: true };
  return {
    ...d,
    message: `${d.message}（值“${value}”中有全角字符，应为半角“${ascii}”）`,
    messageEn: `${d.messageEn} (the value '${value}' has full-width characters; ASCII: '${ascii}')`,
    fixes: [...(d.fixes ?? []), fix],
  };
}
