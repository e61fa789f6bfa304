// The filing page's content as a pure function of the API's answer: what each role may do in
// each state, decisions shown a page at a time, names from registers escaped, the returned
// comment on top, the lock said in words.
import { describe, expect, it } from 'vitest';
import type { User } from '../../../server/domain/user.js';
import { DECISIONS_PER_PAGE, filingActions, filingBody, type FilingDetail } from '../../../web/province/filings-view.js';

const county: User = { id: 2, login: 'yuhang', displayName: '', role: 'county', regions: ['330110'] };
const province: User = { id: 1, login: 'zj', displayName: '', role: 'province', regions: ['330000'] };
const readonly: User = { id: 3, login: 'ro', displayName: '', role: 'readonly', regions: ['330000'] };

/** The API's answer for the page of decisions from `offset` (all of them shown when none is given). */
function detail(state: string, n: number, locked = false, offset = 0): FilingDetail {
  const all = Array.from({ length: n }, (_, k) => ({ id: k + 1, enterpriseId: k + 1, name: k === 0 ? '<script>x</script>公司' : `企业${k}`, region: '330110', decidedOn: '2025-03-01', class: k === 0 ? 'C' : 'AA', mode: '信用监管', riskLevel: null, locked }));
  return {
    filing: { id: 7, region: '330110', periodStart: '2025-01-01', periodEnd: '2025-12-31', state, comment: '' },
    summary: [{ class: 'C', mode: '加严监管', n: 1 }, { class: 'AA', mode: '信用监管', n: n - 1 }],
    counts: { decisions: n, locked: locked ? n : 0 },
    decisions: all.slice(offset, offset + DECISIONS_PER_PAGE),
    steps: state === 'returned' ? [{ state: 'submitted', comment: '', by: 'yuhang', at: '2026-01-02 10:00:00+00' }, { state: 'returned', comment: '请补充<第四季度>', by: 'zj', at: '2026-01-03 09:00:00+00' }] : [],
  };
}

describe('filing page content', () => {
  it('offers each role the steps its state allows', () => {
    const cases = ['draft', 'submitted', 'returned', 'accepted'].map((s) => {
      const f = detail(s, 1).filing;
      return [s, filingActions(county, f), filingActions(province, f), filingActions(readonly, f)];
    });
    expect(cases).toEqual([
      ['draft', { submit: true, decide: false }, { submit: true, decide: false }, { submit: false, decide: false }],
      ['submitted', { submit: false, decide: false }, { submit: false, decide: true }, { submit: false, decide: false }],
      ['returned', { submit: true, decide: false }, { submit: true, decide: false }, { submit: false, decide: false }],
      ['accepted', { submit: false, decide: false }, { submit: false, decide: false }, { submit: false, decide: false }],
    ]);
  });

  it('shows the decisions a page at a time, in class order, with the names escaped', () => {
    const first = filingBody(county, detail('draft', DECISIONS_PER_PAGE * 2 + 50), 'tok').text;
    expect(first.match(/<tr data-decision=/g)!.length).toBe(DECISIONS_PER_PAGE);
    expect(first).toContain('&lt;script&gt;x&lt;/script&gt;公司');
    expect(first).not.toContain('<script>');
    expect(first).toContain('rel="next"');
    expect(first.indexOf('AA 类')).toBeLessThan(first.indexOf('C 类'));
    expect(first).toContain(`共 ${DECISIONS_PER_PAGE * 2 + 50} 个判定`);
    const last = filingBody(county, detail('draft', DECISIONS_PER_PAGE * 2 + 50, false, DECISIONS_PER_PAGE * 2), 'tok', undefined, DECISIONS_PER_PAGE * 2).text;
    expect(last.match(/<tr data-decision=/g)!.length).toBe(50);
    expect(last).toContain(`第 ${DECISIONS_PER_PAGE * 2 + 1}–${DECISIONS_PER_PAGE * 2 + 50} 条`);
    expect(last).toContain('rel="prev"');
    expect(filingBody(county, detail('draft', 3), 'tok').text).not.toContain('class="pager"');
  });

  it('puts the return comment on top for the county and says the lock in words once accepted', () => {
    const returned = filingBody(county, detail('returned', 2), 'tok').text;
    expect(returned).toMatch(/<section class="returned"[^>]*>.*请补充&lt;第四季度&gt;/s);
    expect(returned).toContain('action="/filings/7/submit"');
    expect(returned).toContain('重新报送');
    const accepted = filingBody(province, detail('accepted', 3, true), 'tok').text;
    expect(accepted).toContain('其中 3 个判定已锁定');
    expect(accepted.match(/已锁定 <span lang="en">locked<\/span>/g)!.length).toBe(3);
    expect(accepted).not.toContain('<form');
  });
});
