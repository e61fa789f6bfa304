// Sampling levels (第十一条 省级以上): stored under the record format's English names.
const LEVEL_WORDS: Record<string, string> = {
  national: 'national', 国家: 'national', 国家级: 'national',
  provincial: 'provincial', 省级: 'provincial',
  municipal: 'municipal', 市级: 'municipal',
  county: 'county', 县级: 'county', 区县级: 'county',
};

/** The stored level of a written one; null when none is written; undefined when it is not a level. */
export function levelOf(v: unknown): string | null | undefined {
  if (v === undefined || v === null || v === '') return null;
  return typeof v === 'string' ? LEVEL_WORDS[v.trim()] : undefined;
}
