// `fenlei eval` on a 20,000-record register (megabytes of JSON Lines, read in many chunks, with
// every kind of bad line many times over): exactly one decision or one error per record, in input
// order (nothing lost). How fast a million rows go is the benchmark's job (npm run bench).
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { testDir } from '../fixtures/temp-dir.js';

const ROOT = join(import.meta.dirname, '..', '..');
const IDS = Array.from({ length: 19 }, (_, i) => String(i + 1));
const CONFORM = new Set(['8', '13', '14', '17', '18', '19']);

function answers(fails: Set<string>): Record<string, string> {
  return Object.fromEntries(IDS.map((id) => [id, CONFORM.has(id) ? (fails.has(id) ? '不符合' : '符合') : fails.has(id) ? '发现问题' : '未发现问题']));
}

/** Record i: every 97th has a missing answer, every 1,009th is broken JSON, every 10th is a blank line after it. */
function line(i: number): string {
  if (i % 1009 === 500) return `{"id": "R${i}", broken`;
  const fails = new Set<string>();
  for (let k = 0; k < i % 5; k++) fails.add(IDS[(i * 7 + k * 3) % 19]!);
  const a = answers(fails);
  if (i % 97 === 3) delete a['5'];
  return JSON.stringify({ id: `R${i}`, enterprise: { name: `企业${i}`, products: i % 3 === 0 ? ['电线电缆'] : ['家具'] }, inspection: { date: '2026-03-01', answers: a } });
}

describe('fenlei eval on 20,000 records', () => {
  it('yields one outcome per record, in input order, errors where the input is bad', () => {
    const dir = testDir('large');
    const input = join(dir, 'register.jsonl');
    const out = join(dir, 'decisions.jsonl');
    const n = 20_000;
    const lines: string[] = [];
    for (let i = 0; i < n; i++) {
      lines.push(line(i));
      if (i % 10 === 9) lines.push('');
    }
    writeFileSync(input, lines.join('\n') + '\n');
    const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'fenlei.js'), 'eval', 'national', input, '--out', out, '--today', '2026-11-28'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const outcomes = readFileSync(out, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as { id: string; error?: { code: string; field: string }; class?: string });
    expect(outcomes.length).toBe(n);
    let errors = 0;
    for (let i = 0; i < n; i++) {
      const o = outcomes[i]!;
      if (i % 1009 === 500) {
        expect(o.error?.code).toBe('FL5001');
        errors++;
      } else if (i % 97 === 3) {
        expect(o.id).toBe(`R${i}`);
        expect(o.error).toEqual(expect.objectContaining({ code: 'FL5005', field: 'inspection.answers.5' }));
        errors++;
      } else {
        expect(o.id).toBe(`R${i}`);
        expect(o.error).toBeUndefined();
        expect(['AA', 'A', 'B', 'C']).toContain(o.class);
      }
    }
    expect(errors).toBe(outcomes.filter((o) => o.error).length);
    expect(r.stderr).toContain(`共 ${n} 条记录`);
    expect(r.stderr).toContain(`错误 ${errors}`);
    expect(r.stderr).toContain(`跳过空行 ${n / 10}`);
  }, 120_000);
});
