// The Program's cache (the language server compiles on every keystroke) is only as fresh as every
// file a rule set read: an edited catalogue or scope table is seen on the next compile.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Program } from '../../../compiler/index.js';
import { testDir } from '../../fixtures/temp-dir.js';

const RULES = `元数据:\n  名称: 测试省实施细则\n  地区: 测试省\n  版本: "1"\n  生效日期: 2025-01-01\n  基于: national\n产品目录:\n  - catalogue.yaml\n`;
const catalogue = (level: string) => `元数据:\n  名称: 测试省目录\n  地区: 测试省\n  版本: "1"\n  生效日期: 2025-01-01\n产品:\n  - { 名称: 水泥, 风险等级: ${level} }\n`;

describe('Program cache', () => {
  it('recompiles a rule set when a catalogue it read changes, and reuses it when nothing changed', () => {
    const dir = testDir('cache');
    writeFileSync(join(dir, 'rules.yaml'), RULES);
    writeFileSync(join(dir, 'catalogue.yaml'), catalogue('Ⅰ级'));
    const program = new Program(undefined, dir);
    const first = program.compile(join(dir, 'rules.yaml'));
    expect(first.ok, JSON.stringify(first.diagnostics)).toBe(true);
    expect(program.compile(join(dir, 'rules.yaml'))).toBe(first);
    writeFileSync(join(dir, 'catalogue.yaml'), catalogue('Ⅳ级'));
    const second = program.compile(join(dir, 'rules.yaml'));
    expect(second).not.toBe(first);
    expect(second.ok).toBe(false);
    expect(second.diagnostics.some((d) => d.file.endsWith('catalogue.yaml'))).toBe(true);
    writeFileSync(join(dir, 'catalogue.yaml'), catalogue('Ⅱ级'));
    const third = program.compile(join(dir, 'rules.yaml'));
    expect(third.ok).toBe(true);
    expect(third.linked!.model.catalogues.flatMap((c) => [...c.products.values()].map((p) => `${p.name}:${p.level}`))).toEqual(['水泥:2']);
  });
});
