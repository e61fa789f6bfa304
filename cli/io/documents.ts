// Writing the printable documents: HTML (atomically: the file appears only when complete)
// and, when asked, PDF through headless Chromium; “-” writes the HTML to standard output.
import { extname } from 'node:path';
import { UsageError } from '../args.js';
import { ChromiumMissing, htmlToPdf, PdfNotPrinted } from '../format/pdf.js';
import { writeFileAtomic } from './atomic-file.js';
import { OutputError, STDOUT, type Output } from './output-paths.js';
import { stdout } from './std.js';

/** The PDF beside an HTML path: 报告.html → 报告.pdf. */
export function pdfPathFor(path: string): string {
  const ext = extname(path);
  return (ext ? path.slice(0, -ext.length) : path) + '.pdf';
}

/** The files of one document: its HTML (or none) and its PDF (or none). */
export interface DocumentPlan {
  html?: string;
  pdf?: string;
}

/**
 * Which files a document goes to: `out` ending in .pdf gives only the PDF; otherwise the HTML,
 * and with `pdf` also the PDF beside it (or at `pdf` when it is a path). `flag` names the option
 * in messages.
 */
export function documentPlan(out: string, pdf: string | boolean, flag = '--out'): DocumentPlan {
  const onlyPdf = out !== STDOUT && extname(out).toLowerCase() === '.pdf';
  if (onlyPdf) return { pdf: out };
  if (!pdf) return { html: out };
  if (typeof pdf !== 'string' && out === STDOUT) throw new OutputError(`${flag} - 写到标准输出时，--pdf 需要给出 PDF 文件名（--pdf=文件.pdf）。/ with ${flag} -, give --pdf=FILE`);
  return { html: out, pdf: typeof pdf === 'string' ? pdf : pdfPathFor(out) };
}

/** The outputs of document plans, for checkOutputs. */
export function planOutputs(plans: readonly (readonly [DocumentPlan, string])[]): Output[] {
  const out: Output[] = [];
  for (const [p, flag] of plans) {
    if (p.html !== undefined) out.push({ path: p.html, what: flag });
    if (p.pdf !== undefined) out.push({ path: p.pdf, what: p.html === undefined ? flag : '--pdf' });
  }
  return out;
}

/** Writes the document as planned. Returns the files written. */
export async function writeDocument(html: string, plan: DocumentPlan): Promise<string[]> {
  const written: string[] = [];
  if (plan.html === STDOUT) stdout().write(html);
  else if (plan.html !== undefined) {
    await writeFileAtomic(plan.html, html);
    written.push(plan.html);
  }
  if (plan.pdf !== undefined) {
    let bytes: Buffer;
    try {
      bytes = await htmlToPdf(html);
    } catch (e) {
      // Without Chromium the --pdf asked for cannot be honoured: a usage problem, said as such.
      if (e instanceof ChromiumMissing) throw new UsageError(e.message);
      throw e instanceof PdfNotPrinted ? new OutputError(e.message) : e;
    }
    if (plan.pdf === STDOUT) stdout().write(bytes);
    else {
      await writeFileAtomic(plan.pdf, bytes);
      written.push(plan.pdf);
    }
  }
  return written;
}
