// docs/articles.md, the article index, stays true: every rule-file line still carries the article
// it is listed under, every diagnostic code, function, test case and anchor it names exists.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CODES } from '../../compiler/diagnostics/codes.js';
import { VERIFY_CODES } from '../../compiler/verify/codes.js';
import { RECORD_CODES } from '../../runtime/record-errors.js';

const ALL_CODES = [...Object.keys(CODES), ...Object.keys(VERIFY_CODES), ...Object.keys(RECORD_CODES)];

const ROOT = join(import.meta.dirname, '..', '..');
const PAGE = join(ROOT, 'docs', 'articles.md');
const read = (p: string) => readFileSync(join(ROOT, p), 'utf8');

interface Row {
  article: string;
  cells: string[];
}

const rows: Row[] = readFileSync(PAGE, 'utf8')
  .split('\n')
  .filter((l) => l.startsWith('| ') && !l.startsWith('| 条款') && !l.startsWith('| ---'))
  .map((l) => l.split(' | ').map((c) => c.replace(/^\| |\s*\|$/g, '').trim()))
  .map(([article, ...cells]) => ({ article: article!, cells }));

/** A heading's anchor as GitHub writes it: lower case, punctuation dropped, spaces to hyphens. */
const slug = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');

const anchors = (file: string) => new Set([...readFileSync(file, 'utf8').matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1]!)));

describe('docs/articles.md', () => {
  it('lists the computable articles and remarks', () => {
    expect(rows.map((r) => r.article)).toEqual(expect.arrayContaining(['第二条', '第十一条', '第十八条', '第二十条', '第二十一条', '通用规则备注（二）', '通用规则备注（三）']));
    for (const r of rows) expect(r.cells, r.article).toHaveLength(5);
  });

  it.each(rows)('$article: each rule-file line still carries the article', ({ article, cells }) => {
    const key = article.replace(/^通用规则/, '');
    for (const [, file, line] of cells[0]!.matchAll(/`([^`:]+):(\d+)`/g)) {
      const lines = read(file!).split('\n');
      expect(lines[Number(line) - 1], `${file}:${line}`).toContain(key);
    }
  });

  it.each(rows)('$article: each diagnostic code exists and is documented', ({ cells }) => {
    const doc = read('docs/diagnostics.md') + read('docs/verification.md');
    for (const [, code] of cells[1]!.matchAll(/`(FL\d{4})`/g)) {
      expect(ALL_CODES, code).toContain(code);
      expect(doc, code).toMatch(new RegExp(`^(###? .*|\\| )${code}\\b`, 'm'));
    }
  });

  it.each(rows)('$article: each function exists in its file', ({ cells }) => {
    const refs = [...cells[2]!.matchAll(/`([^`#]+)#(\w+)`/g)];
    expect(refs.length + (cells[2] === '—' ? 1 : 0)).toBeGreaterThan(0);
    for (const [, file, name] of refs) expect(read(file!), `${file}#${name}`).toMatch(new RegExp(`\\b(function|const|class) ${name}\\b`));
  });

  it.each(rows)('$article: the test case exists', ({ cells }) => {
    const [, file, name] = /`(test\/[^`]+\.test\.ts)` “([^”]+)”/.exec(cells[3]!) ?? [];
    expect(file).toBeDefined();
    expect(read(file!)).toContain(`'${name}'`);
  });

  it.each(rows)('$article: each document anchor exists', ({ cells }) => {
    const links = [...cells[4]!.matchAll(/\]\(([^)#]+)#([^)]+)\)/g)];
    expect(links.length).toBeGreaterThan(0);
    for (const [, file, anchor] of links) {
      const path = resolve(dirname(PAGE), file!);
      expect(existsSync(path), file).toBe(true);
      expect([...anchors(path)], `${file}#${anchor}`).toContain(anchor);
    }
  });
});
