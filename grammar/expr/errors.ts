// Diagnostic shape shared by the lexer, the full-width check and the parser.

export interface ExprFix {
  title: string;
  start: number;
  end: number;
  newText: string;
}

export interface ExprSyntaxError {
  /** Stable code: FL1101 unexpected character, FL1102 full-width punctuation, FL1103 full-width digits,
   *  FL1104 Chinese quotes, FL1105 syntax error, FL1106 nesting too deep, FL1107 empty expression;
   *  FL0110 condition too long, FL0111 too many operators (limits checked before parsing). */
  code: string;
  message: string;
  messageEn: string;
  /** UTF-16 offsets into the expression text, end exclusive. */
  start: number;
  end: number;
  fix?: ExprFix;
}

/** Printable form of a character for a message (invisible ones as U+XXXX). */
export function showChar(text: string): string {
  return /^[\p{L}\p{N}\p{P}\p{S}]+$/u.test(text)
    ? text
    : [...text].map((c) => 'U+' + c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')).join(' ');
}
