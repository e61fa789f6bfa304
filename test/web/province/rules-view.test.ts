// How a refused rule version's diagnostics are named on the page: the uploaded file's name with
// the line and column the compiler gave; files elsewhere by their own name, never a server path.
import { describe, expect, it } from 'vitest';
import { shownDiagnostic } from '../../../web/province/rule-versions.js';
import { fileNamesOnly, inForceOn } from '../../../web/province/rules-view.js';

const d = (text: string) => ({ code: 'FL0102', severity: 'error', line: 9, message: '缺少必填字段“内容”（text）', messageEn: "Missing required field 'text'", text });

describe('rule version diagnostics on the page', () => {
  it('names the uploaded text by the file the user chose, keeping line and column', () => {
    expect(shownDiagnostic(d('/fenlei-db/rule-versions/330000-draft.yaml:9:5 FL0102 错误：缺少'), '浙江细则.yaml').at).toBe('浙江细则.yaml:9:5');
    expect(shownDiagnostic(d('/srv/fenlei/rules/national/national.yaml:12:3 FL0102 错误：缺少'), '浙江细则.yaml').at).toBe('national.yaml:12:3');
    expect(shownDiagnostic(d('no location'), '浙江细则.yaml').at).toBe('浙江细则.yaml:9');
  });

  it('shows verify texts with file names only', () => {
    expect(fileNamesOnly('对照 against：通用规则 2011.1（/work/x/rules/national/national.yaml）\n验证 Verify：细则（330000-draft.yaml）')).toBe('对照 against：通用规则 2011.1（national.yaml）\n验证 Verify：细则（330000-draft.yaml）');
  });

  it('marks a version in force from its effective day until the day it expires', () => {
    const v = { effective: '2024-01-01', expires: '2025-01-01' };
    expect(['2023-12-31', '2024-01-01', '2024-12-31', '2025-01-01'].map((day) => inForceOn(v, day))).toEqual([false, true, true, false]);
    expect(inForceOn({ effective: null, expires: null }, '2026-12-06')).toBe(true);
  });
});
