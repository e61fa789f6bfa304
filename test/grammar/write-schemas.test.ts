// The JSON Schema files in grammar/ are what their generators build (run `npm run schema` when
// this fails), and decisions as the evaluator gives them validate against decision.schema.json:
// rulesVersion, the catalogues in force, an undetermined risk level (null, D6′).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { SCHEMA_FILES } from '../../grammar/write-schemas.js';
import { decisionSchema } from '../../grammar/record-schema.js';
import { REPO, decision, evaluatorOf, nationalEvaluator, nationalRecord, compileNational } from '../compiler/helpers.js';
import { loadEvaluator } from '../../compiler/index.js';

describe('JSON Schema files', () => {
  it.each(SCHEMA_FILES.map(([name, build]) => [name, build] as const))('%s is current', (name, build) => {
    expect(readFileSync(join(REPO, 'grammar', name), 'utf8')).toBe(JSON.stringify(build(), null, 2) + '\n');
  });

  const validate = new Ajv({ allErrors: true, strict: false }).compile(decisionSchema);
  it('a decision with a catalogue level, its rulesVersion and catalogues, validates', () => {
    const d = decision(nationalEvaluator().evaluate(nationalRecord([], { products: ['电线电缆'] }), { trace: true }));
    expect(d.catalogues.length).toBe(1);
    expect(validate(d), JSON.stringify(validate.errors)).toBe(true);
  });
  it('an in-scope decision with an undetermined risk level (null) validates', () => {
    const d = decision(loadEvaluator(compileNational().ir!).evaluate(nationalRecord([])));
    expect([d.inScope, d.riskLevel, d.catalogues]).toEqual([true, null, []]);
    expect(validate(d), JSON.stringify(validate.errors)).toBe(true);
  });
  it('a decision without rulesVersion does not validate', () => {
    const { rulesVersion: _, ...rest } = decision(evaluatorOf(compileNational()).evaluate(nationalRecord([])));
    expect(validate(rest)).toBe(false);
  });
});
