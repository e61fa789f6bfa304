// Full-width characters a Chinese input method types where YAML's structure needs ASCII: the colon
// after a key (FL0008) and the brackets, commas and colons of a one-line list or mapping
// (`[查阅资料，现场核查]`, FL0012). All of them are found in one pass over the text, before the YAML
// parser runs, so that one slip never hides the next; the parser then reads the repaired text.
import { OBJECTS, type FieldType } from '../../grammar/schema/fields.js';

export interface YamlSlip {
  code: 'FL0008' | 'FL0012';
  /** Offset of the full-width character. */
  at: number;
  char: string;
  /** What the parser reads instead (same length). */
  ascii: string;
  /** A space must follow the repaired character (`名称：值` → `名称: 值`): the repair is one longer. */
  insertSpace: boolean;
  /** The fix's text when it is more than `ascii` (a space after a comma, as one would type it). */
  fixText?: string;
}

const FIELDS = Object.values(OBJECTS).flatMap((o) => Object.values(o));
const KNOWN_KEYS = new Set(FIELDS.flatMap((f) => [f.zh, f.en]));
/** A list, a mapping, or a word from a fixed set (none of which starts with a bracket). */
const collectionOrWord = (t: FieldType): boolean =>
  t.t === 'array' || t.t === 'map' || t.t === 'object' || (t.t === 'string' && !!t.enum) || (t.t === 'oneOf' && t.of.every(collectionOrWord));
/** Keys whose value can only be a list or mapping when it starts with a bracket: there `【…】` or `［…］` can only mean `[…]`. */
const collection = (t: FieldType): boolean => t.t === 'array' || t.t === 'map' || t.t === 'object' || (t.t === 'oneOf' && t.of.some(collection));
const COLLECTION_KEYS = new Set([...KNOWN_KEYS].filter((k) => FIELDS.filter((f) => f.zh === k || f.en === k).every((f) => collection(f.type) && collectionOrWord(f.type))));

const OPEN: Record<string, string> = { '[': '[', '{': '{', '［': '[', '【': '[', '｛': '{' };
const CLOSE: Record<string, string> = { ']': ']', '}': '}', '］': ']', '】': ']', '｝': '}' };
const SEPARATOR: Record<string, string> = { '，': ',' };

/** A line: indentation, an optional `- `, a key, a colon (either width) and the rest. */
const LINE = /^([ \t]*(?:-[ \t]+)?)([^\s:：#"'[{][^:：#\n]*?)([:：])(.*)$/gm;

/** `keys`: more keys to know (those of rule test files). */
export function findYamlSlips(text: string, keys: ReadonlySet<string> = new Set()): YamlSlip[] {
  const out: YamlSlip[] = [];
  for (let m = LINE.exec(text); m; m = LINE.exec(text)) {
    const key = m[2]!.trim();
    if (!KNOWN_KEYS.has(key) && !keys.has(key)) continue;
    const colonAt = m.index + m[1]!.length + m[2]!.length;
    if (m[3] === '：') out.push(colon(text, colonAt));
    const rest = m[4]!;
    const lead = /^[ \t]*/.exec(rest)![0].length;
    const start = colonAt + 1 + lead;
    const first = text[start];
    if (first === undefined || !(first in OPEN)) continue;
    // A full-width bracket opens a list only where the field can hold nothing else.
    if (first !== '[' && first !== '{' && !COLLECTION_KEYS.has(key)) continue;
    out.push(...flow(text, start, start + rest.length - lead));
  }
  return out.sort((a, b) => a.at - b.at);
}

function colon(text: string, at: number): YamlSlip {
  const next = text[at + 1];
  const insertSpace = !(next === ' ' || next === '\n' || next === '\r' || next === undefined);
  return { code: 'FL0008', at, char: '：', ascii: ':', insertSpace };
}

/** The slips of a one-line flow collection from `start` (its opening bracket) to the line's end. */
function flow(text: string, start: number, end: number): YamlSlip[] {
  const out: YamlSlip[] = [];
  let depth = 0;
  // Where the current element began: a full-width colon after a known key is that key's colon.
  let element = start + 1;
  for (let i = start; i < end; i++) {
    const c = text[i]!;
    if (c === '"' || c === "'") {
      // Quoted text is the author's: skip to the closing quote ('' and \" stay inside).
      for (i++; i < end && text[i] !== c; i++) if (c === '"' && text[i] === '\\') i++;
      continue;
    }
    if (c === '#' && /\s/.test(text[i - 1] ?? ' ')) break;
    if (c in OPEN) {
      depth++;
      element = i + 1;
      if (c !== OPEN[c]) out.push({ code: 'FL0012', at: i, char: c, ascii: OPEN[c]!, insertSpace: false });
    } else if (c in CLOSE) {
      depth--;
      if (c !== CLOSE[c]) out.push({ code: 'FL0012', at: i, char: c, ascii: CLOSE[c]!, insertSpace: false });
      if (depth <= 0) break;
    } else if (depth > 0 && (c in SEPARATOR || c === ',')) {
      if (c !== ',') out.push({ code: 'FL0012', at: i, char: c, ascii: SEPARATOR[c]!, insertSpace: false, ...(/\s/.test(text[i + 1] ?? ' ') ? {} : { fixText: `${SEPARATOR[c]!} ` }) });
      element = i + 1;
    } else if (depth > 0 && c === '：' && KNOWN_KEYS.has(text.slice(element, i).trim())) {
      out.push(colon(text, i));
    }
  }
  return out;
}
