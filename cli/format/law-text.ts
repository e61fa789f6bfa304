// Sentences of the Measures that every document about a mode repeats as the law words them:
// the lead-in of 第十八条 and of each of its modes, and 第二十三条 (the classification does not
// replace the other supervision measures of laws and regulations).
import type { ModeName } from '../../runtime/index.js';

export const ART18_LEAD = '基层质监部门按省级质监部门制定的实施办法，结合本地实际确定对不同类别的企业实施不同的监督检查形式（第十八条）。';

/** 第十八条（一）至（四）: what each mode mainly does, before its measures. */
export const MODE_LEAD: Record<ModeName, string> = {
  信用监管: '信用监管方式，主要监督检查企业落实自我承诺情况（第十八条（一））',
  责任监管: '责任监管方式，主要监督企业落实产品质量主体责任情况（第十八条（二））',
  常态监管: '常态监管方式，主要采取以下监管措施（第十八条（三））',
  加严监管: '加严监管方式，根据产品风险程度和企业实际，主要采取以下监管措施（第十八条（四））',
};

export const ART23 = '本办法规定的分类监管是对企业履行产品质量主体责任的综合监管模式，不代替相关法律法规规定的其他产品质量监督措施（第二十三条）。';
