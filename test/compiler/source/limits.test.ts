// The input limits of docs/security.md, each with its diagnostic, each holding before the work
// it protects (the YAML parser is not called on a file nested too deeply; the expression parser
// is not reached by a condition that is too long).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, expect } from 'vitest';
import { parseDocument } from 'yaml';
import { codes, compileProvince, compileText, MemoryHost, province, vpath, VDIR } from '../helpers.js';
import { LIMITS, YAML_OPTIONS } from '../../../compiler/source/load-yaml.js';
import { firstTooDeep } from '../../../compiler/source/nesting.js';
import { Program, nodeHost } from '../../../compiler/program.js';
import { runTestFile } from '../../../compiler/testing/run-tests.js';
import { MAX_EXPRESSION_CHARS, MAX_OPERATORS } from '../../../grammar/expr/index.js';
import { testDir } from '../../fixtures/temp-dir.js';

/** Compiles `text`, counting how often the YAML parser is called. */
function compileCounting(text: string): { codes: string[]; parses: number } {
  let parses = 0;
  const program = new Program(new MemoryHost({ 'p.yaml': text }), VDIR, {
    parseYaml: (_path, t) => {
      parses++;
      return parseDocument(t, YAML_OPTIONS);
    },
  });
  return { codes: program.compile(vpath('p.yaml')).diagnostics.map((d) => d.code), parses };
}

const condition = (expr: string): string => province(`分类:\n  C:\n    任一条件:\n      - 名称: 下限\n        条件: ${expr}\n`);

describe('limits on rule files', () => {
  it('refuses YAML nested deeper than the limit (FL0006) without overflowing the stack', () => {
    const depth = 5000;
    const r = compileText(`说明: ${'['.repeat(depth)}${']'.repeat(depth)}\n`);
    expect(codes(r)).toEqual(['FL0006']);
    expect(r.ok).toBe(false);
  });

  it('accepts nesting just inside the limit as far as depth goes', () => {
    const r = compileText(`说明: ${'['.repeat(LIMITS.maxDepth - 2)}${']'.repeat(LIMITS.maxDepth - 2)}\n`);
    expect(codes(r)).not.toContain('FL0006');
  });

  it.each([
    ['flow sequences', `说明: ${'['.repeat(20000)}${']'.repeat(20000)}\n`],
    ['flow mappings', `${'{a: '.repeat(20000)}1${'}'.repeat(20000)}\n`],
    ['block sequences on one line', `说明:\n${'- '.repeat(20000)}x\n`],
    ['indented block mappings', Array.from({ length: 300 }, (_, i) => `${' '.repeat(i)}k:\n`).join('')],
    ['flow inside an anchored value', `说明: &a !!seq ${'['.repeat(100)}${']'.repeat(100)}\n`],
  ])('refuses deep %s before the YAML parser runs (FL0006)', (_name, text) => {
    expect(compileCounting(text)).toEqual({ codes: ['FL0006'], parses: 0 });
  });

  it('does not count brackets inside quoted or plain text, comments or block scalars', () => {
    const deep = '['.repeat(100);
    const text = `说明: "${deep}"\n名称: '${deep}'\n版本: 通过率 ${deep}\n# ${deep}\n地区: |\n  ${deep}\n`;
    expect(firstTooDeep(text, LIMITS.maxDepth)).toBe(-1);
  });

  it('counts block, sequence and flow levels exactly on an ordinary document', () => {
    for (let depth = 0; depth < 5; depth++) expect(firstTooDeep('a:\n  - b:\n      c: [[1]]\n', depth)).toBeGreaterThanOrEqual(0);
    expect(firstTooDeep('a:\n  - b:\n      c: [[1]]\n', 5)).toBe(-1);
  });

  it('states the limits it enforces', () => {
    expect(LIMITS).toEqual({ maxFileBytes: 4 * 1024 * 1024, maxAliases: 100, maxDepth: 64 });
    expect([MAX_EXPRESSION_CHARS, MAX_OPERATORS]).toEqual([4096, 256]);
  });
});

describe('limits on conditions', () => {
  it('a flat chain of 5,000 terms is refused by its length before parsing (FL0110)', () => {
    const r = compileText(condition(Array.from({ length: 5000 }, () => '次数(抽查不合格, 近3年)').join(' + ') + ' > 1'));
    expect(codes(r)).toEqual(['FL0110']);
  });

  it('35,000 nested brackets in a condition are refused by its length (FL0110)', () => {
    const r = compileText(condition(`"${'['.repeat(35000)}${']'.repeat(35000)}"`));
    expect(codes(r)).toEqual(['FL0110']);
  });

  it('a short chain with too many operators is refused (FL0111) at the first operator over the limit', () => {
    const expr = Array.from({ length: MAX_OPERATORS + 2 }, () => '1').join('+') + ' > 1';
    const r = compileText(condition(expr));
    expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([['FL0111', `条件中的运算符过多（${MAX_OPERATORS + 2} 个，上限 ${MAX_OPERATORS}）：请拆成几个条件或使用分组`]]);
    expect(r.diagnostics[0]!.range.start.column).toBe('        条件: '.length + 2 * MAX_OPERATORS + 1);
  });

  it('a chain at the operator limit binds (no stack overflow in any later stage)', () => {
    const expr = Array.from({ length: MAX_OPERATORS }, () => '次数(抽查不合格)').join('+') + ' > 1';
    expect(codes(compileText(condition(expr)))).toEqual([]);
  });
});

describe('only regular files are read', () => {
  it('a base that is a device is refused before it is read (FL0011), /dev/zero included', () => {
    for (const dev of ['/dev/null', '/dev/zero']) {
      const r = compileText(province('').replace('基于: national', `基于: ${dev}`));
      expect(codes(r)).toEqual(['FL0011', 'FL2014']);
    }
  });

  it('a directory is refused (FL0011)', () => {
    const dir = testDir('dir');
    mkdirSync(join(dir, 'rules.yaml'));
    expect(new Program(nodeHost, dir).compile('rules.yaml').diagnostics.map((d) => d.code)).toEqual(['FL0011']);
  });

  it('a province with a base keeps working (regular files are read as before)', () => {
    expect(codes(compileProvince(''))).toEqual([]);
  });
});

describe('test files have the same limits', () => {
  it('a deeply nested test file is refused before it is parsed', () => {
    const host = new MemoryHost({ 'deep.test.yaml': `规则: p.yaml\n用例: ${'['.repeat(50000)}${']'.repeat(50000)}\n` });
    const r = runTestFile(vpath('deep.test.yaml'), new Program(host, VDIR), host);
    expect(r.problem).toBe('测试文件有 YAML 错误 / the test file has YAML errors');
    expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([['FL0006', `嵌套层次过深（超过 ${LIMITS.maxDepth} 层）`]]);
  });

  it('a test file that is a device is not read', () => {
    expect(runTestFile('/dev/zero').problem).toBe('无法读取：不是普通文件（设备、管道或目录）');
  });
});
