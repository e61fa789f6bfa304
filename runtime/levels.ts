// Sampling levels of events, shared by the condition language (level filters) and records (event `level`).

/**
 * Sampling levels of events (第十一条: 省级以上产品质量监督抽查) as bits: 国家 1, 省级 2, 市级 4, 县级 8.
 * `record` marks the words an event's `level` may hold; the others are filters only.
 */
export const EVENT_LEVELS = [
  { zh: '国家', en: 'national', aliases: ['国家级'], mask: 1, record: true, doc: '国家监督抽查。', docEn: 'National sampling.' },
  { zh: '省级', en: 'provincial', aliases: [], mask: 2, record: true, doc: '省级监督抽查。', docEn: 'Provincial sampling.' },
  { zh: '市级', en: 'municipal', aliases: [], mask: 4, record: true, doc: '市级监督抽查。', docEn: 'Municipal sampling.' },
  { zh: '县级', en: 'county', aliases: ['区县级'], mask: 8, record: true, doc: '县级监督抽查。', docEn: 'County sampling.' },
  { zh: '省级以上', en: 'provincialOrAbove', aliases: [], mask: 3, record: false, doc: '国家或省级监督抽查（第十一条“省级以上”）。', docEn: 'National or provincial sampling (Art. 11).' },
  { zh: '市级以上', en: 'municipalOrAbove', aliases: [], mask: 7, record: false, doc: '国家、省级或市级监督抽查。', docEn: 'National, provincial or municipal sampling.' },
] as const;
