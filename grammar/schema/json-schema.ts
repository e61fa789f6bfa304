// Builds the JSON Schema of rule files from the field table, accepting the
// Chinese key and its English alias for every field.
import { OBJECTS, type FieldType } from './fields.js';

type Json = Record<string, unknown>;

export const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';
/** Every spelling of a risk level riskLevelOf reads, as a key (JSON Schema patterns have no case flag). */
export const RISK_KEY_PATTERN = '^(?:(?:[ⅠⅡⅢ]|[Ii]{1,3}|[一二三]|[123])级?(?:[（(](?:高风险|较高风险|一般风险)[)）])?|高风险|较高风险|一般风险|[Ll][Ee][Vv][Ee][Ll] ?[123])$';

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

function definitions(editor: boolean): Record<string, Json> {
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
    // 风险调整 keys may be written as the records write levels (`II级`, `二级`, `3`, `一般风险`):
    // the editor must not flag what the compiler accepts. The shape check itself keeps refusing
    // them: the compiler reads that refusal as “another spelling of a key” and merges the spellings.
    if (editor && kind === 'riskModes') def.patternProperties = { [RISK_KEY_PATTERN]: { ...properties['Ⅰ级'], description: '该风险等级产品生产企业的监管方式（第二十条）；等级也可写作 II级、二级、2、较高风险等。\nMode for this risk level (Art. 20), in any spelling the records accept.' } };
    if (required.length) def.allOf = required;
    definitions[kind] = def;
  }
  return definitions;
}

/** A schema over the field table rooted at one file kind; `editor`: the published file editors validate with (more key spellings). */
function fileSchema(id: string, title: string, root: 'ruleFile' | 'catalogueFile', editor: boolean): Json {
  return { $schema: 'http://json-schema.org/draft-07/schema#', $id: id, title, $ref: `#/definitions/${root}`, definitions: definitions(editor) };
}

/** The rule-file schema. */
export function buildRulesSchema(editor = false): Json {
  return fileSchema('fenlei-rules.schema.json', 'fenlei 分类监管规则文件 / rule file', 'ruleFile', editor);
}

/** Catalogue files (第二十条): the same field table, another root. */
export function buildCatalogueSchema(editor = false): Json {
  return fileSchema('fenlei-catalogue.schema.json', 'fenlei 产品目录文件 / product catalogue file', 'catalogueFile', editor);
}
