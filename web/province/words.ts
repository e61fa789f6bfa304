// Words the filing and rule pages share: filing states, verification verdicts, region names
// (the CLI's names of the example provinces' cities, so a page and a printed report agree).
import { provinceNameOf, regionName } from '../../cli/format/regions.js';
import { NATIONAL } from '../../server/domain/rule-book.js';

export type FilingState = 'draft' | 'submitted' | 'returned' | 'accepted';

/** 第十二条 备案's states, as the county and the province say them. */
export const FILING_STATES: Record<FilingState, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'draft' },
  submitted: { zh: '已报送', en: 'submitted' },
  returned: { zh: '已退回', en: 'returned' },
  accepted: { zh: '已接收', en: 'accepted' },
};

export const stateWords = (s: string) => FILING_STATES[s as FilingState] ?? { zh: s, en: s };

/** A 6-digit division code with the city's name where the project knows it: 330110（杭州市）. */
export function regionLabel(code: string): string {
  if (code === NATIONAL) return '全国（000000）';
  if (code.endsWith('0000')) return `${provinceNameOf(code.slice(0, 2)) ?? '省级'}（${code}）`;
  if (code.endsWith('00')) return regionName(code.slice(0, 4));
  return regionName(code);
}

/** '2026-12-06 07:40:00.123+00' → '2026-12-06 07:40' (the database's own text, no time zone games). */
export const when = (ts: string | null | undefined) => (ts ?? '').replace('T', ' ').slice(0, 16);

/** The stored verify verdict of a rule version (第五条: a province's rules may not be weaker). */
export function verdictWords(status: string | null | undefined): { zh: string; en: string; ok: boolean } {
  switch (status) {
    case 'notWeaker':
      return { zh: '已证明不比国家规则宽松', en: 'proved not weaker than the national rules', ok: true };
    case 'weaker':
      return { zh: '比国家规则宽松', en: 'weaker than the national rules', ok: false };
    case null:
    case undefined:
      return { zh: '国家规则（无需比较）', en: 'national rules (nothing to compare with)', ok: true };
    default:
      return { zh: `未能证明（${status}）`, en: `not proved (${status})`, ok: false };
  }
}
