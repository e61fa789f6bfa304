// The register column a problem's field names, as the register template heads it (企业名称,
// ★7, 持有生产许可证): the upload keeps each row's field, not the file's own headers.
import { FIELD_KEYS, FIXED_COLUMNS } from '../cli/io/register-columns.js';
import { itemHeader } from '../cli/io/template-workbook.js';
import type { RuleSetIR } from '../runtime/index.js';

export function columnOfField(field: string, ir?: Pick<RuleSetIR, 'items'>): string | undefined {
  if (field.startsWith('inspection.answers.')) {
    const id = field.slice('inspection.answers.'.length);
    const it = ir?.items.find((i) => i.id === id);
    return it ? itemHeader(it) : id;
  }
  if (field.startsWith('enterprise.facts.')) return field.slice('enterprise.facts.'.length);
  const key = FIELD_KEYS[field.replace(/\[\d+\].*$/, '')];
  return key === undefined ? undefined : FIXED_COLUMNS.find((c) => c.key === key)?.zh;
}
