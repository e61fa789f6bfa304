// The scope table of Art. 2 (第二条): excluded categories, each with the official source of its
// list and its product names and synonyms. Data kept in its own file, referenced from 适用范围.
import { dirname, resolve } from 'node:path';
import { parse } from 'yaml';
import type { Reporter } from '../diagnostics/make.js';
import type { Val } from '../syntax/ast.js';

export interface ScopeCategory {
  name: string;
  source: string;
  names: string[];
}

export interface ScopeTable {
  file: string;
  categories: ScopeCategory[];
}

/** Reads and checks the table a rule file names; problems are reported at the 范围表 value. */
export function loadScopeTable(ref: Val<string>, ruleFile: string, read: (path: string) => { text: string } | { error: string }, reporter: Reporter): ScopeTable | undefined {
  const path = resolve(dirname(ruleFile), ref.value);
  const at = (code: 'FL2030' | 'FL2031', args: Record<string, string>) => void reporter.report(code, { file: ref.value, ...args }, ref.loc.start, ref.loc.end);
  const got = read(path);
  if ('error' in got) return void at('FL2030', { reason: got.error === 'INVALID_UTF8' ? '不是 UTF-8 编码' : got.error });
  let doc: unknown;
  try {
    doc = parse(got.text);
  } catch (e) {
    return void at('FL2031', { detail: (e as Error).message.split('\n')[0]! });
  }
  const list = (doc as { 类别?: unknown } | null)?.类别;
  if (!Array.isArray(list)) return void at('FL2031', { detail: '顶层应有“类别”列表' });
  const categories: ScopeCategory[] = [];
  for (const [i, c] of list.entries()) {
    const o = c as { 名称?: unknown; 来源?: unknown; 产品?: unknown } | null;
    const names = Array.isArray(o?.产品) ? o.产品.filter((x): x is string => typeof x === 'string' && x.trim() !== '') : [];
    if (typeof o?.名称 !== 'string' || typeof o.来源 !== 'string' || o.来源.trim() === '' || names.length === 0 || names.length !== (o.产品 as unknown[]).length) {
      return void at('FL2031', { detail: `第${i + 1}个类别应有“名称”“来源”（官方文件）和“产品”（名称列表）` });
    }
    categories.push({ name: o.名称, source: o.来源, names });
  }
  return { file: ref.value, categories };
}
