// Stage 1 of the front end: text → YAML document with source ranges, plus the
// file-level diagnostics (YAML syntax, limits, full-width colons and list punctuation).
import { parseDocument, isAlias, isPair, visit, type Document } from 'yaml';
import type { Reporter } from '../diagnostics/make.js';
import { firstTooDeep } from './nesting.js';
import { findYamlSlips, type YamlSlip } from './full-width-yaml.js';

export const LIMITS = {
  /** Rule files are a few hundred KB at most; 4 MiB leaves room for 10,000-item sets. */
  maxFileBytes: 4 * 1024 * 1024,
  maxAliases: 100,
  maxDepth: 64,
};

const YAML_MESSAGES: Record<string, string> = {
  BAD_INDENT: '缩进不正确',
  MISSING_CHAR: '缺少字符（如引号或括号未闭合）',
  BLOCK_AS_IMPLICIT_KEY: '块结构不能作为键',
  MULTILINE_IMPLICIT_KEY: '键不能跨行（可能缺少冒号后的空格或缩进不对）',
  UNEXPECTED_TOKEN: '意外的内容',
  BAD_SCALAR_START: '值的开头不合法（以 @ 或 ` 开头的文本请加引号）',
  BAD_DQ_ESCAPE: '双引号字符串中的转义序列不正确',
  MULTIPLE_DOCS: '一个文件只能有一个 YAML 文档',
  BAD_ALIAS: '引用（*别名）不正确',
  KEY_OVER_1024_CHARS: '键过长（超过1024个字符）',
};


const NO_KEYS: ReadonlySet<string> = new Set();

/** The options every rule file is parsed with (exported so that an incremental parser can match them). */
export const YAML_OPTIONS = { uniqueKeys: true, prettyErrors: false, strict: true, logLevel: 'error' } as const;

/** Whether a text is within the size and nesting limits (checked before any YAML parser sees it). */
export function withinLimits(text: string): boolean {
  return Buffer.byteLength(text, 'utf8') <= LIMITS.maxFileBytes && firstTooDeep(text, LIMITS.maxDepth) < 0;
}

/** Parses the whole text; the language server passes an incremental parser with the same result. */
export type ParseYaml = (text: string) => Document;

/** `keys`: the keys of another kind of file read by this front end (rule tests), besides the rule files'. */
export function loadYaml(text: string, reporter: Reporter, parse: ParseYaml = (t) => parseDocument(t, YAML_OPTIONS), keys: ReadonlySet<string> = NO_KEYS): Document | undefined {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > LIMITS.maxFileBytes) {
    reporter.report('FL0005', { size: bytes, limit: LIMITS.maxFileBytes }, 0, 0);
    return undefined;
  }
  // Depth is checked before parsing: the parser's time grows with size × depth.
  const deep = firstTooDeep(text, LIMITS.maxDepth);
  if (deep >= 0) {
    reporter.report('FL0006', { limit: LIMITS.maxDepth }, deep, deep + 1);
    return undefined;
  }
  // Every full-width slip of the structure is reported and read as if typed right, so that one
  // never hides the next; `名称：值` needs a space as well, and the positions are mapped back.
  const slips = findYamlSlips(text, keys);
  for (const s of slips) reportSlip(s, reporter);
  const { repaired, toOriginal } = repair(text, slips);
  // A document whose ranges are moved is parsed afresh: the editor's incremental parser keeps its documents.
  const doc = toOriginal ? parseDocument(repaired, YAML_OPTIONS) : parse(repaired);
  if (toOriginal) remap(doc, toOriginal);
  // The yaml library gives up on very deep nesting itself: that is this limit, not a syntax error.
  const exhausted = doc.errors.find((e) => e.code === 'RESOURCE_EXHAUSTION');
  if (exhausted) {
    reporter.report('FL0006', { limit: LIMITS.maxDepth }, exhausted.pos[0], exhausted.pos[1]);
    return undefined;
  }
  for (const e of doc.errors) {
    const [start, end] = e.pos;
    if (e.code === 'DUPLICATE_KEY') {
      const raw = /^[^:\n\r]*/.exec(text.slice(start))![0].trimEnd();
      const key = raw.replace(/^["']|["']$/g, '');
      reporter.report('FL0003', { key }, start, start + Math.max(1, raw.length));
    } else if (e.code === 'TAB_AS_INDENT') {
      reporter.report('FL0007', {}, start, Math.max(end, start + 1), {
        fixes: [{ title: '把制表符换成两个空格 (indent with spaces)', edits: tabEdits(text, start), safe: true }],
      });
    } else {
      const detailEn = e.message.split('\n')[0]!;
      const zh = YAML_MESSAGES[e.code];
      reporter.report('FL0002', { detail: zh ? `${zh}（${detailEn}）` : detailEn, detailEn }, start, Math.max(end, start + 1));
    }
  }
  if (doc.errors.length) return doc.contents ? doc : undefined;
  let aliases = 0;
  let tooDeep = false;
  visit(doc, (_key, node, path) => {
    if (isAlias(node)) aliases++;
    if (path.length > LIMITS.maxDepth * 2 && !tooDeep) {
      tooDeep = true;
      const r = (node as { range?: [number, number, number] }).range;
      reporter.report('FL0006', { limit: LIMITS.maxDepth }, r?.[0] ?? 0, r?.[1] ?? 0);
      return visit.BREAK;
    }
    return undefined;
  });
  if (aliases > LIMITS.maxAliases) {
    reporter.report('FL0004', {}, 0, 0);
    return undefined;
  }
  if (tooDeep) return undefined;
  return doc;
}

function reportSlip(s: YamlSlip, reporter: Reporter): void {
  const newText = s.fixText ?? s.ascii + (s.insertSpace ? ' ' : '');
  if (s.code === 'FL0008') {
    reporter.report('FL0008', {}, s.at, s.at + 1, { fixes: [{ title: '改为半角冒号“:” (use ASCII ":")', edits: [{ start: s.at, end: s.at + 1, newText }], safe: true }] });
  } else {
    reporter.report('FL0012', { char: s.char, ascii: s.ascii }, s.at, s.at + 1, { fixes: [{ title: `改为半角“${s.ascii}” (use ASCII '${s.ascii}')`, edits: [{ start: s.at, end: s.at + 1, newText }], safe: true }] });
  }
}

/** The text as if typed right, and (when a space was inserted) the map of its offsets back. */
function repair(text: string, slips: readonly YamlSlip[]): { repaired: string; toOriginal?: (offset: number) => number } {
  let repaired = '';
  let at = 0;
  // Offsets in the repaired text at which a space was inserted.
  const inserted: number[] = [];
  for (const s of slips) {
    repaired += text.slice(at, s.at) + s.ascii;
    at = s.at + 1;
    if (s.insertSpace) {
      inserted.push(repaired.length);
      repaired += ' ';
    }
  }
  repaired += text.slice(at);
  if (!inserted.length) return { repaired };
  return {
    repaired,
    toOriginal: (offset) => {
      // The number of spaces inserted before `offset` (binary search: a file may have many).
      let lo = 0;
      let hi = inserted.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (inserted[mid]! < offset) lo = mid + 1;
        else hi = mid;
      }
      return offset - lo;
    },
  };
}

/** Moves every node's range (and the parser's error positions) back onto the text as typed. */
function remap(doc: Document, toOriginal: (offset: number) => number): void {
  const moved = new Set<unknown>();
  const move = (r: number[] | undefined | null) => {
    if (!r || moved.has(r)) return;
    moved.add(r);
    for (let i = 0; i < r.length; i++) r[i] = toOriginal(r[i]!);
  };
  visit(doc, (_key, node) => {
    if (isPair(node)) return undefined;
    move((node as { range?: number[] }).range);
    return undefined;
  });
  move(doc.range as unknown as number[]);
  for (const e of [...doc.errors, ...doc.warnings]) move(e.pos as unknown as number[]);
}

function tabEdits(text: string, at: number): { start: number; end: number; newText: string }[] {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const edits = [];
  for (let i = lineStart; i < text.length && (text[i] === '\t' || text[i] === ' '); i++) {
    if (text[i] === '\t') edits.push({ start: i, end: i + 1, newText: '  ' });
  }
  return edits;
}
