// Writing the printable documents: HTML (atomically: the file appears only when complete)
// and, when asked, PDF through headless Chromium.
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { htmlToPdf } from '../format/pdf.js';

export function writeAtomic(path: string, data: string | Buffer): void {
  const temp = `${path}.partial-${process.pid}`;
  try {
    writeFileSync(temp, data);
    renameSync(temp, path);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
}

/** The PDF beside an HTML path: 报告.html → 报告.pdf. */
export function pdfPathFor(path: string): string {
  const ext = extname(path);
  return (ext ? path.slice(0, -ext.length) : path) + '.pdf';
}

/**
 * Writes the document: `out` ending in .pdf gives only the PDF; otherwise the HTML, and with
 * `pdf` also the PDF beside it (or at `pdf` when it is a path). Returns the files written.
 */
export async function writeDocument(html: string, out: string, pdf: string | boolean): Promise<string[]> {
  const written: string[] = [];
  const onlyPdf = extname(out).toLowerCase() === '.pdf';
  if (!onlyPdf) {
    writeAtomic(out, html);
    written.push(out);
  }
  if (onlyPdf || pdf) {
    const target = onlyPdf ? out : typeof pdf === 'string' ? pdf : pdfPathFor(out);
    const temp = `${target}.partial-${process.pid}.pdf`;
    try {
      await htmlToPdf(html, temp);
      renameSync(temp, target);
    } finally {
      rmSync(temp, { force: true });
    }
    written.push(target);
  }
  return written;
}
