// Diagnostics are data with stable codes, never thrown exceptions.

export type Severity = 'error' | 'warning' | 'info';

/** Zero-based line and UTF-16 column (as LSP counts them) plus the UTF-16 offset. */
export interface Position {
  line: number;
  column: number;
  offset: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** A text edit that fixes the problem; offsets are into the same file. */
export interface FixEdit {
  start: number;
  end: number;
  newText: string;
}

export interface Fix {
  /** `中文 (English)`, as the editor shows it. */
  title: string;
  edits: FixEdit[];
  /**
   * A mechanical repair of a typing slip (full-width punctuation, a tab, an unquoted ` #`) that keeps
   * what the author meant: `fenlei check --fix` and the editor's "fix all" apply these, and only these.
   */
  safe?: boolean;
}

export interface RelatedInformation {
  file: string;
  range: Range;
  message: string;
}

export interface Diagnostic {
  code: string;
  severity: Severity;
  /** Chinese message shown to users. */
  message: string;
  /** English message for developers. */
  messageEn: string;
  file: string;
  range: Range;
  related?: RelatedInformation[];
  fixes?: Fix[];
  /** Structured payload for tools (e.g. a counterexample), never needed to read the message. */
  data?: unknown;
}
