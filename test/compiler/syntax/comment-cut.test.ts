import { describe, it, expect } from 'vitest';
import { applyEdits, at, compileProvince, province, spots } from '../helpers.js';

const BODY = `分类:
  AA:
    全部条件:
      - 名称: 基础
        条件: 全部通过([#3, #4])
`;

describe('a condition cut short by a YAML comment (FL0109)', () => {
  it('is one diagnostic over the condition and the comment, not a cascade of syntax errors', () => {
    const r = compileProvince(BODY);
    expect(spots(r)).toEqual([at('FL0109', 11, 13, 11, 27)]);
  });

  it('is fixed by quoting the whole condition, which then compiles clean', () => {
    const r = compileProvince(BODY);
    const fixed = applyEdits(province(BODY), r.diagnostics[0]!.fixes![0]!.edits);
    expect(fixed).toContain('条件: "全部通过([#3, #4])"');
    const again = compileProvince(fixed.slice(province('').length));
    expect(again.diagnostics).toEqual([]);
    expect(again.ok).toBe(true);
  });

  it('leaves a comment after a complete condition alone', () => {
    const r = compileProvince(BODY.replace('全部通过([#3, #4])', '全部通过(#3) # 说明'));
    expect(r.diagnostics).toEqual([]);
  });
});
