// Builds the JSON Schema of rule files from the field table, accepting the
// Chinese key and its English alias for every field.
import { OBJECTS, type FieldType } from './fields.js';

type Json = Record<string, unknown>;

export const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';

function typeSchema(t: FieldType): Json {
  switch (t.t) {
    case 'string': {
      const s: Json = { type: 'string' };
      if (t.enum) s.enum = [...t.enum];
      if (t.pattern) s.pattern = t.pattern;
      return s;
    }
    case 'id':
      return { type: ['string', 'number'] };
    case 'date':
      return { type: 'string', pattern: DATE_PATTERN };
    case 'boolean':
      return { anyOf: [{ type: 'boolean' }, { type: 'string', enum: ['是', '否'] }] };
    case 'integer': {
      const s: Json = { type: 'integer' };
      if (t.min !== undefined) s.minimum = t.min;
      if (t.max !== undefined) s.maximum = t.max;
      return s;
    }
    case 'expr':
      return { type: ['string', 'number', 'boolean'] };
    case 'array':
      return { type: 'array', items: typeSchema(t.of) };
    case 'object':
      return { $ref: `#/definitions/${t.of}` };
    case 'map':
      return { type: 'object', additionalProperties: typeSchema(t.of) };
    case 'oneOf':
      return { anyOf: t.of.map(typeSchema) };
  }
}

function definitions(): Record<string, Json> {
  const definitions: Record<string, Json> = {};
  for (const [kind, spec] of Object.entries(OBJECTS)) {
    const properties: Record<string, Json> = {};
    const required: Json[] = [];
    for (const f of Object.values(spec)) {
      const s = { ...typeSchema(f.type), description: `${f.doc}\n${f.docEn}` };
      properties[f.zh] = s;
      if (f.en !== f.zh) properties[f.en] = { ...s, description: `${f.zh}：${f.doc}\n${f.docEn}` };
      if (f.required) required.push(f.en === f.zh ? { required: [f.zh] } : { anyOf: [{ required: [f.zh] }, { required: [f.en] }] });
    }
    const def: Json = { type: 'object', properties, additionalProperties: false };
    if (required.length) def.allOf = required;
    definitions[kind] = def;
  }
  return definitions;
}

export function buildRulesSchema(): Json {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'fenlei-rules.schema.json',
    title: 'fenlei 分类监管规则文件 / rule file',
    $ref: '#/definitions/ruleFile',
    definitions: definitions(),
  };
}

/** Catalogue files (第二十条): the same field table, another root. */
export function buildCatalogueSchema(): Json {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'fenlei-catalogue.schema.json',
    title: 'fenlei 产品目录文件 / product catalogue file',
    $ref: '#/definitions/catalogueFile',
    definitions: definitions(),
  };
}
