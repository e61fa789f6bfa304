// Adversarial records and registers through `fenlei eval`, each with its exact code;
// nothing lost on every register fixture; an interrupted run leaves no output file.
import { describe, it, expect } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync, readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { withCheckDigit } from '../../runtime/credit-code.js';
import { newEntryIn } from '../fixtures/wait-for-file.js';
import { testDir } from '../fixtures/temp-dir.js';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'fenlei.js');
const IDS = Array.from({ length: 19 }, (_, i) => String(i + 1));
const CONFORM = new Set(['8', '13', '14', '17', '18', '19']);
const answers = () => Object.fromEntries(IDS.map((id) => [id, CONFORM.has(id) ? '符合' : '未发现问题']));
const GOOD_CODE = withCheckDigit('91330106MA27U8XY5');

type Out = { id: string; class?: string; error?: { code: string; field: string }; warnings?: { code: string; field: string }[] };

function evalJsonl(records: unknown[], extra: string[] = []): Out[] {
  const dir = testDir('adv');
  writeFileSync(join(dir, 'r.jsonl'), records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const r = spawnSync(process.execPath, [BIN, 'eval', 'national', join(dir, 'r.jsonl'), '--today', '2026-11-28', ...extra], { encoding: 'utf8' });
  expect(r.status).toBe(0);
  return r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Out);
}

interface TestRecord {
  id: string;
  enterprise: { name: string; creditCode: string; region: string; products: string[] };
  inspection: { date: string; answers: unknown; riskLevel?: string };
  history: { previousClass: string; previousReviewDate: string; events: { type: string; date: string }[] };
}

const rec = (id: string, patch: (r: TestRecord & { inspection: { answers: Record<string, unknown> } }) => void = () => {}) => {
  const r: TestRecord & { inspection: { answers: Record<string, unknown> } } = {
    id,
    enterprise: { name: '某企业', creditCode: GOOD_CODE, region: '330106', products: ['家具'] },
    // The level ticked on the form: the national rules ship no catalogue (else warning FL5120).
    inspection: { date: '2026-03-01', answers: answers(), riskLevel: 'Ⅲ级' },
    history: { previousClass: 'A', previousReviewDate: '2025-03-01', events: [] },
  };
  patch(r);
  return r;
};

describe('adversarial records', () => {
  it('gives each bad record its exact code and field, and warns where the record is still usable', () => {
    const out = evalJsonl([
      rec('ok'),
      rec('future', (r) => (r.inspection.date = '2027-01-05')),
      rec('feb30', (r) => (r.inspection.date = '2026-02-30')),
      rec('answers-array', (r) => (r.inspection.answers = ['符合'] as unknown as Record<string, unknown>)),
      rec('number-answer', (r) => (r.inspection.answers['3'] = 1)),
      rec('late-event', (r) => r.history.events.push({ type: '行政处罚', date: '2026-05-01' })),
      rec('region', (r) => (r.enterprise.region = '999999')),
      rec('credit', (r) => (r.enterprise.creditCode = GOOD_CODE.slice(0, 17) + (GOOD_CODE[17] === '0' ? '1' : '0'))),
      rec('ok'),
      rec('other-province-item', (r) => (r.inspection.answers['补1'] = '符合')),
    ]);
    const summary = out.map((o) => [o.id, o.error ? `${o.error.code} ${o.error.field}` : o.class, (o.warnings ?? []).map((w) => `${w.code} ${w.field}`).join(';')]);
    expect(summary).toEqual([
      ['ok', 'AA', ''],
      ['future', 'FL5015 inspection.date', ''],
      ['feb30', 'FL5007 inspection.date', ''],
      ['answers-array', 'FL5003 inspection.answers', ''],
      ['number-answer', 'FL5006 inspection.answers.3', ''],
      ['late-event', 'AA', 'FL5104 history.events[0].date'],
      ['region', 'AA', 'FL5109 enterprise.region'],
      ['credit', 'AA', 'FL5105 enterprise.creditCode'],
      ['ok', 'AA', 'FL5108 id'],
      ['other-province-item', 'FL5004 inspection.answers.补1', ''],
    ]);
  });
});

describe('nothing lost on the register fixtures', () => {
  for (const p of readdirSync(join(ROOT, 'rules', 'examples')).filter((d) => existsSync(join(ROOT, 'rules', 'examples', d, 'register.csv')))) {
    it(`${p}: input rows = decisions + errors, in input order`, () => {
      const csv = join(ROOT, 'rules', 'examples', p, 'register.csv');
      const lines = readFileSync(csv, 'utf8').trimEnd().split(/\r?\n/);
      const ids = lines.slice(1).map((l) => l.split(',')[0]);
      const r = spawnSync(process.execPath, [BIN, 'eval', join(ROOT, 'rules', 'examples', p, 'rules.yaml'), csv, '--today', '2026-11-28'], { encoding: 'utf8' });
      expect(r.status).toBe(0);
      const out = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Out);
      expect(out.map((o) => o.id)).toEqual(ids);
    });
  }
});

describe('an interrupted eval', () => {
  it('leaves neither the output nor a partial file after SIGTERM', async () => {
    const dir = testDir('term');
    const line = JSON.stringify(rec('x'));
    const started = newEntryIn(dir);
    // Records come through standard input, which stays open: the run cannot finish before
    // it is terminated, however fast the machine.
    const child = spawn(process.execPath, [BIN, 'eval', 'national', '-', '--input-format', 'jsonl', '--out', join(dir, 'out.jsonl'), '--today', '2026-11-28'], { stdio: ['pipe', 'ignore', 'ignore'] });
    // The killed run closes its end of the pipe: a late write may fail (EPIPE), which is expected.
    child.stdin.on('error', () => {});
    child.stdin.write(Array.from({ length: 1000 }, () => line).join('\n') + '\n');
    const exited = new Promise<number | null>((res) => child.on('exit', (c) => res(c)));
    // Terminate once the run has begun writing its (temporary) output (a run that ends before fails here).
    expect(await Promise.race([started.then(() => 'writing'), exited.then((c) => `exited ${c}`)])).toBe('writing');
    child.kill('SIGTERM');
    const code = await exited;
    expect(code).not.toBe(0);
    expect(readdirSync(dir)).toEqual([]);
  }, 60_000);
});
