// Hostile text for the document tests and the document fuzzer: the payload, what an injection
// would leave in a page, the rule file and register carrying it, and a look inside a PDF.
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { join } from 'node:path';
import { REPO, zhejiangRulesText } from './helpers.js';

/** Every trick at once: close <style> (refresh, hide the form, forge a verdict), break out of attributes, CSS strings, <title> and <svg>. */
export const PAYLOAD =
  `<b id=pwn>x</b></style><meta http-equiv=refresh content='0;url=about:blank#pwned'><style>main{display:none}</style>` +
  `<p id=forged>结论：AA类 信用监管</p><img src=x onerror=alert(1) id=pwn-img>"'\`&amp;\\"}body{display:none}/*</title></svg><svg onload=alert(3)>`;

/** Elements and attributes none of the documents has: any of them is an injection. */
export const INJECTED = '#pwn, #forged, #pwn-img, script, img, iframe, object, embed, base, link, form, meta[http-equiv="refresh" i], [onerror], [onload], [href], [src], main ~ *, body > :not(main)';

/** Top-level style rules that hide something (the documents have none; print-only ones sit inside @media). */
export const HIDING_RULES = `[...document.styleSheets].flatMap((s) => [...s.cssRules]).filter((r) => r.style && (r.style.display === 'none' || r.style.visibility === 'hidden')).map((r) => r.cssText)`;

/** Pages and text-showing operators of a PDF (Chromium compresses its content streams). */
export function pdfContent(pdf: Buffer): { pages: number; textOps: number } {
  const s = pdf.toString('latin1');
  const pages = (s.match(/\/Type\s*\/Page\b(?!s)/g) ?? []).length;
  let textOps = 0;
  const re = /stream\r?\n/g;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const start = m.index + m[0].length;
    try {
      textOps += (inflateSync(pdf.subarray(start, s.indexOf('endstream', start))).toString('latin1').match(/\bT[jJ]\b/g) ?? []).length;
    } catch {
      // not a compressed content stream (fonts, images)
    }
  }
  return { pages, textOps };
}

/** The Zhejiang rules with the payload in each free-text field. */
export function hostileRules(payload: string): string {
  const q = (s: string) => JSON.stringify(s);
  const fields: [string, string][] = [
    ['名称: 浙江省工业企业产品质量分类监管实施细则（示例）', `名称: ${q('细则' + payload)}`],
    ['地区: 浙江省', `地区: ${q('浙江' + payload)}`],
    ['版本: "2024.1"', `版本: ${q('2024.1' + payload)}`],
    ['    说明: 有自营或委托出口业务的企业。补4只适用于出口企业。', `    说明: ${q('出口' + payload)}`],
    ['    内容: 涉及行政许可的产品取得相应的生产许可证、强制性产品认证等许可资质，证书在有效期内，覆盖所生产的产品单元（品种）。', `    内容: ${q('许可' + payload)}`],
  ];
  let text = zhejiangRulesText();
  for (const [from, to] of fields) {
    if (!text.includes(from)) throw new Error(`the example rules no longer have ${from}`);
    text = text.replace(from, to);
  }
  return text.replace(/^ {2}说明: >-\n(?: {4}.*\n)+/m, `  说明: ${q('说明' + payload)}\n`);
}

/** The first `n` rows of the Zhejiang register with the payload in 编号, 企业名称 and 统一社会信用代码. */
export function hostileRegister(payload: string, n: number): string {
  const lines = readFileSync(join(REPO, 'rules', 'examples', 'zhejiang', 'register.csv'), 'utf8').replace(/^\uFEFF/, '').trimEnd().split('\n');
  const header = lines[0]!.split(',');
  const cols = ['id', 'name', 'creditCode'].map((k) => header.indexOf(k));
  const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const rows = lines.slice(1, n + 1).map((l) => {
    const cells = l.split(',');
    for (const c of cols) cells[c] = cells[c] + payload;
    return cells.map(quote).join(',');
  });
  return [lines[0], ...rows].join('\r\n') + '\r\n';
}
