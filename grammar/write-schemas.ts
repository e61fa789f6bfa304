// Writes the JSON Schema files of the public formats into grammar/:
//   rules.schema.json     rule files (from the field table, grammar/schema/json-schema.ts)
//   catalogue.schema.json product catalogue files (the same table, grammar/schema/json-schema.ts)
//   record.schema.json    enterprise records (grammar/record-schema.ts)
//   decision.schema.json  decisions (grammar/record-schema.ts)
// Run after a build:  npm run build && node dist/grammar/write-schemas.js [output folder]
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildCatalogueSchema, buildRulesSchema } from './schema/json-schema.js';
import { decisionSchema, recordSchema, type JsonSchema } from './record-schema.js';

export const SCHEMA_FILES: readonly (readonly [string, () => JsonSchema])[] = [
  ['rules.schema.json', () => buildRulesSchema(true)],
  ['catalogue.schema.json', () => buildCatalogueSchema(true)],
  ['record.schema.json', () => recordSchema],
  ['decision.schema.json', () => decisionSchema],
];

/** The package's grammar/ folder, whether this runs from grammar/ or dist/grammar/. */
export function grammarDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, 'grammar');
    dir = dirname(dir);
  }
  throw new Error('fenlei package root not found');
}

/** Writes every schema file into `dir`; returns the paths written. */
export function writeSchemas(dir: string = grammarDir()): string[] {
  mkdirSync(dir, { recursive: true });
  return SCHEMA_FILES.map(([name, build]) => {
    const path = join(dir, name);
    writeFileSync(path, JSON.stringify(build(), null, 2) + '\n');
    return path;
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  for (const p of writeSchemas(process.argv[2] ? resolve(process.argv[2]) : undefined)) process.stdout.write(`已写入 wrote ${p}\n`);
}
