// File-level diagnostics (compiler/source/load-yaml.ts, compiler/program.ts): YAML syntax,
// duplicate keys, alias bombs, size, tabs, full-width colons, unreadable files; BOM and CRLF.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Program, nodeHost } from '../../../compiler/program.js';
import { applyEdits, at, compileProvince, compileText, HEADER, province, spots } from '../helpers.js';
import { suiteDir } from '../../fixtures/temp-dir.js';

const tmp = suiteDir('load-yaml');

describe('FL0002 YAML syntax error', () => {
  it.each([
    ['unclosed flow sequence', `项目: [a, b\n`],
    ['unclosed quote', `项目:\n  - 编号: "1\n`],
    ['two documents', `说明: x\n---\n说明: y\n`],
  ])('%s', (_n, body) => {
    const r = compileProvince(body);
    expect(r.diagnostics.filter((d) => d.code === 'FL0002').length).toBeGreaterThan(0);
    expect(r.ok).toBe(false);
    expect(r.ir).toBeUndefined();
  });
  it('reports an unclosed flow sequence at the end of the file, with a Chinese message', () => {
    const r = compileProvince(`分类: [a, b\n`);
    const d = r.diagnostics.find((x) => x.code === 'FL0002')!;
    expect(spots([d])).toEqual([at('FL0002', 8, 1, 8, 1)]);
    expect(d.message.startsWith('YAML 语法错误：')).toBe(true);
  });
});

describe('FL0003 duplicate key', () => {
  it('names the whole key and covers it', () => {
    const r = compileProvince(`动态调整:\n  调整周期月数: 6\n  调整周期月数: 12\n`);
    expect(spots(r, 'FL0003')).toEqual([at('FL0003', 9, 3, 9, 9)]);
    expect(r.diagnostics.find((d) => d.code === 'FL0003')!.message).toBe('重复的键“调整周期月数”');
  });
  it('does not also claim a Chinese/English alias clash (FL0105) for the same spelling twice', () => {
    expect(compileProvince(`动态调整:\n  调整周期月数: 6\n  调整周期月数: 12\n`).diagnostics.map((d) => d.code)).toEqual(['FL0003']);
  });
  it('a duplicate top-level key', () => {
    const r = compileProvince(`动态调整: { 调整周期月数: 6 }\n动态调整: { 调整周期月数: 12 }\n`);
    expect(spots(r, 'FL0003')).toEqual([at('FL0003', 8, 1, 8, 5)]);
    expect(r.ok).toBe(false);
  });
});

describe('FL0004 alias bomb', () => {
  const laughs = (levels: number, per: number): string => {
    const lines = [`l0: &l0 ["哈哈哈"]`];
    for (let i = 1; i <= levels; i++) lines.push(`l${i}: &l${i} [${Array.from({ length: per }, () => `*l${i - 1}`).join(', ')}]`);
    return lines.join('\n') + '\n';
  };
  it('billion laughs (9 levels × 10 aliases) is refused before expansion', () => {
    // 10^9 nodes if expanded: refused by counting aliases, before any expansion.
    const r = compileProvince(laughs(9, 10));
    expect(spots(r, 'FL0004')).toEqual([at('FL0004', 1, 1, 1, 1)]);
    expect(r.ok).toBe(false);
  });
  it('more than 100 alias nodes is refused', () => {
    const r = compileProvince(`x: &a 1\ny: [${Array.from({ length: 120 }, () => '*a').join(', ')}]\n`);
    expect(spots(r, 'FL0004')).toEqual([at('FL0004', 1, 1, 1, 1)]);
  });
  it('a few aliases are not a bomb (only the unknown keys are reported)', () => {
    expect(spots(compileProvince(`x1: &a [1]\nx2: [*a, *a, *a]\n`))).toEqual([at('FL0101', 7, 1, 7, 3), at('FL0101', 8, 1, 8, 3)]);
  });
});

describe('FL0005 file too large', () => {
  it('refuses more than 4 MiB, giving the size in bytes', () => {
    const text = province(`说明: ${'甲'.repeat(1_400_000)}\n`);
    const bytes = Buffer.byteLength(text, 'utf8');
    expect(bytes).toBeGreaterThan(4 * 1024 * 1024);
    const r = compileText(text);
    expect(spots(r)).toEqual([at('FL0005', 1, 1, 1, 1)]);
    expect(r.diagnostics[0]!.message).toBe(`文件过大（${bytes} 字节，上限 4194304 字节）`);
  });
  it('accepts just under the limit as far as size goes', () => {
    const filler = 4 * 1024 * 1024 - Buffer.byteLength(HEADER, 'utf8') - 200;
    const r = compileText(HEADER + `# ${'x'.repeat(filler)}\n`);
    expect(spots(r)).toEqual([]);
  });
});

describe('FL0007 tab indentation', () => {
  it('reports the tab and fixes it with two spaces', () => {
    const text = province(`动态调整:\n\t调整周期月数: 6\n`);
    const r = compileText(text);
    const d = r.diagnostics.find((x) => x.code === 'FL0007')!;
    expect(spots([d])).toEqual([at('FL0007', 8, 1, 8, 2)]);
    expect(d.message).toBe('YAML 缩进不能使用制表符（Tab），请改用空格');
    expect(d.fixes?.map((f) => f.title)).toEqual(['把制表符换成两个空格 (indent with spaces)']);
    const fixed = applyEdits(text, d.fixes![0]!.edits);
    expect(fixed).toBe(province(`动态调整:\n  调整周期月数: 6\n`));
    expect(spots(compileText(fixed))).toEqual([]);
  });
});

describe('FL0008 full-width colon after a known key', () => {
  it('in a block mapping value, fixed to ": "', () => {
    const text = province(`动态调整:\n  调整周期月数：6\n`);
    const r = compileText(text);
    const d = r.diagnostics.find((x) => x.code === 'FL0008')!;
    expect(spots(r, 'FL0008')).toEqual([at('FL0008', 8, 9, 8, 10)]);
    expect(d.fixes![0]!.edits.map((e) => e.newText)).toEqual([': ']);
    const fixed = applyEdits(text, d.fixes![0]!.edits);
    expect(fixed).toBe(province(`动态调整:\n  调整周期月数: 6\n`));
    expect(spots(compileText(fixed))).toEqual([]);
  });
  it('followed by a space, fixed to ":"', () => {
    const text = province(`动态调整:\n  调整周期月数： 6\n`);
    const d = compileText(text).diagnostics.find((x) => x.code === 'FL0008')!;
    expect(d.fixes![0]!.edits.map((e) => e.newText)).toEqual([':']);
    expect(applyEdits(text, d.fixes![0]!.edits)).toBe(province(`动态调整:\n  调整周期月数: 6\n`));
  });
  it('two in a row (a key and a nested key) each get a fix; applying both compiles clean', () => {
    const text = province(`动态调整：\n  调整周期月数：6\n`);
    const r = compileText(text);
    expect(spots(r, 'FL0008')).toEqual([at('FL0008', 7, 5, 7, 6), at('FL0008', 8, 9, 8, 10)]);
    const fixed = applyEdits(text, r.diagnostics.filter((d) => d.code === 'FL0008').flatMap((d) => d.fixes![0]!.edits));
    expect(fixed).toBe(province(`动态调整:\n  调整周期月数: 6\n`));
    expect(spots(compileText(fixed))).toEqual([]);
  });
  it('only the full-width colon is reported (no YAML error or shape error cascade)', () => {
    const text = `元数据:\n  名称：测试细则\n  地区: 测试省\n  版本: "1"\n  生效日期: 2026-01-01\n  基于: national\n`;
    const r = compileText(text);
    expect(spots(r)).toEqual([at('FL0008', 2, 5, 2, 6)]);
  });
  it('not after an unknown key or inside a value', () => {
    expect(spots(compileProvince(`企业信息:\n  - { 名称: 建材企业, 类型: 布尔, 默认: false, 说明: 建材：水泥 }\n`))).toEqual([]);
  });
});

describe('FL0009 not a mapping', () => {
  it.each([
    ['a sequence', `- a\n- b\n`, at('FL0009', 1, 1, 3, 1)],
    ['an empty file', ``, at('FL0009', 1, 1, 1, 1)],
    ['a plain scalar', `just text\n`, at('FL0009', 1, 1, 1, 10)],
  ])('%s', (_n, text, expected) => {
    const r = compileText(text);
    expect(spots(r)[0]).toEqual(expected);
    expect(r.diagnostics[0]!.message).toBe('规则文件应是一个 YAML 映射（键: 值），这里为空或不是映射');
    expect(r.ok).toBe(false);
  });
});

describe('FL0010 invalid UTF-8, FL0001 unreadable file', () => {
  it('bytes that are not UTF-8, read from disk', () => {
    const path = join(tmp, 'latin1.yaml');
    writeFileSync(path, Buffer.concat([Buffer.from(province('说明: ')), Buffer.from([0xc9, 0xcf, 0xba, 0xa3, 0xff]), Buffer.from('\n')]));
    const r = new Program(nodeHost, tmp).compile(path);
    expect(spots(r)).toEqual([at('FL0010', 1, 1, 1, 1)]);
    expect(r.diagnostics[0]!.file).toBe('latin1.yaml');
    expect(r.ok).toBe(false);
  });
  it('a host that reports INVALID_UTF8', () => {
    const r = new Program({ read: () => ({ error: 'INVALID_UTF8' }) }, '/').compile('/x.yaml');
    expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([['FL0010', '文件不是有效的 UTF-8 文本']]);
  });
  it('a missing file', () => {
    const r = new Program(nodeHost, tmp).compile(join(tmp, 'nope.yaml'));
    expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([['FL0001', '无法读取文件：文件不存在']]);
  });
});

describe('BOM and CRLF', () => {
  const body = `动态调整:\n  调整周期月数: 6\n`;
  it('a BOM at the start compiles clean', () => {
    const r = compileText('\uFEFF' + province(body));
    expect(spots(r)).toEqual([]);
    expect(r.ok).toBe(true);
  });
  it('CRLF line ends compile clean', () => {
    const r = compileText(province(body).replace(/\n/g, '\r\n'));
    expect(spots(r)).toEqual([]);
    expect(r.ir?.review.periodMonths).toBe(6);
  });
  it('BOM + CRLF: a later error has the right line and column', () => {
    const text = '\uFEFF' + province(`${body}未知键: 1\n分类:\n  C:\n    任一条件:\n      - 名称: 测试\n        条件: |\n          产品包含("水泥") 且\n          不通过(#二十)\n`).replace(/\n/g, '\r\n');
    expect(spots(compileText(text))).toEqual([at('FL0101', 9, 1, 9, 4), at('FL2004', 16, 15, 16, 18)]);
  });
  it('CRLF: trace clauses cite the right lines', () => {
    const r = compileText(province(body).replace(/\n/g, '\r\n'));
    expect(r.ir!.review.src).toBe('p.yaml:8');
  });
  it('a BOM file on disk: columns on line 1 as an editor shows them (BOM not counted)', () => {
    const path = join(tmp, 'bom.yaml');
    writeFileSync(path, '\uFEFF元数据x: 1\n' + HEADER);
    const r = new Program(nodeHost, tmp).compile(path);
    expect(spots(r)).toEqual([at('FL0101', 1, 1, 1, 5)]);
  });
});
