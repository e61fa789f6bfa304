// Request validation: a body is checked as sent (no coercion, no defaults, nothing removed: an
// inspection is stored exactly as submitted); query strings and path parameters are text and are
// coerced to the types their schemas name. The record and decision schemas of grammar/ are
// known to both, by their $id.
import { Ajv, type AnySchema } from 'ajv';
import type { FastifyInstance } from 'fastify';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../compiler/index.js';

export const SHARED_SCHEMAS = ['record.schema.json', 'decision.schema.json'].map((f) => {
  const { $schema: _, ...s } = JSON.parse(readFileSync(join(packageRoot(), 'grammar', f), 'utf8')) as Record<string, unknown>;
  return s;
});

export function installValidation(app: FastifyInstance): void {
  const make = (coerce: boolean) => {
    const ajv = new Ajv({ allErrors: false, strict: false, coerceTypes: coerce ? 'array' : false, useDefaults: coerce, removeAdditional: false });
    for (const s of SHARED_SCHEMAS) ajv.addSchema(s as AnySchema);
    return ajv;
  };
  const body = make(false);
  const text = make(true);
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? body : text).compile(schema as AnySchema));
}
