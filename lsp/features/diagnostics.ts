// Compiler diagnostics (and the verifier's) as LSP diagnostics: Chinese message first, English
// on the next line; related information with locations; problems found in a base file shown on
// the document's 基于 (base) line with a link to where they are.
import { DiagnosticSeverity, type Diagnostic as LspDiagnostic, type DiagnosticRelatedInformation } from 'vscode-languageserver';
import type { Diagnostic } from '../../compiler/diagnostics/types.js';
import { fromDiagnosticRange, toRange } from '../position.js';
import type { Analysis, Workspace } from '../workspace.js';

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information } as const;

/** The document's own diagnostics. */
export function ownDiagnostics(a: Analysis): Diagnostic[] {
  return a.result.diagnostics.filter((d) => d.file === a.result.file);
}

export function toLsp(ws: Workspace, a: Analysis, d: Diagnostic): LspDiagnostic {
  const related: DiagnosticRelatedInformation[] = (d.related ?? []).map((r) => {
    const f = a.fileByName.get(r.file);
    return { location: { uri: f?.uri ?? ws.uriOf(ws.pathOfDisplay(r.file)), range: fromDiagnosticRange(r.range) }, message: r.message };
  });
  return {
    range: fromDiagnosticRange(d.range),
    severity: SEVERITY[d.severity],
    code: d.code,
    source: 'fenlei',
    message: `${d.message}\n${d.messageEn}`,
    ...(related.length ? { relatedInformation: related } : {}),
    ...(d.data !== undefined ? { data: d.data } : {}),
  };
}

export function publishable(ws: Workspace, a: Analysis, extra: readonly Diagnostic[] = []): LspDiagnostic[] {
  const out = ownDiagnostics(a).map((d) => toLsp(ws, a, d));
  // Errors in a base file: one line each on 基于, pointing there.
  const baseLoc = a.ast?.meta?.base?.loc;
  if (baseLoc && a.lines) {
    for (const d of a.result.diagnostics) {
      if (d.file === a.result.file || d.severity !== 'error') continue;
      const f = a.fileByName.get(d.file);
      out.push({
        range: toRange(a.lines, baseLoc.start, baseLoc.end),
        severity: DiagnosticSeverity.Error,
        code: d.code,
        source: 'fenlei',
        message: `所依据的规则集有错误（${d.file}:${d.range.start.line + 1}）：${d.message}\nThe base rule set has an error (${d.file}:${d.range.start.line + 1}): ${d.messageEn}`,
        relatedInformation: [{ location: { uri: f?.uri ?? ws.uriOf(ws.pathOfDisplay(d.file)), range: fromDiagnosticRange(d.range) }, message: d.message }],
      });
    }
  }
  for (const d of extra) out.push(toLsp(ws, a, d));
  return out;
}
