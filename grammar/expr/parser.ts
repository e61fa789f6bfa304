// Grammar of the condition language, precedence low→high:
//   or < and < not < comparison (non-associative) < + - < * / < unary - < primary
// Prefix operators are repetitions, not recursion, so 非非非… cannot blow the stack;
// parentheses are depth-checked before parsing (see index.ts).
import { CstParser, type IParserErrorMessageProvider, type TokenType } from 'chevrotain';
import * as T from './tokens.js';

/** What the parser expected, encoded in the error message and decoded in index.ts. */
export interface ErrorInfo {
  kind: 'mismatch' | 'redundant' | 'noViableAlt';
  /** Token type names that would have been accepted. */
  expected: string[];
  rule: string;
}

const firstTokens = (paths: TokenType[][]): string[] => [...new Set(paths.filter((p) => p.length > 0).map((p) => p[0]!.name))];

const messages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage: ({ expected, ruleName }) =>
    JSON.stringify({ kind: 'mismatch', expected: [expected.name], rule: ruleName } satisfies ErrorInfo),
  buildNotAllInputParsedMessage: ({ ruleName }) =>
    JSON.stringify({ kind: 'redundant', expected: [], rule: ruleName } satisfies ErrorInfo),
  buildNoViableAltMessage: ({ expectedPathsPerAlt, ruleName }) =>
    JSON.stringify({ kind: 'noViableAlt', expected: firstTokens(expectedPathsPerAlt.flat()), rule: ruleName } satisfies ErrorInfo),
  buildEarlyExitMessage: ({ expectedIterationPaths, ruleName }) =>
    JSON.stringify({ kind: 'noViableAlt', expected: firstTokens(expectedIterationPaths), rule: ruleName } satisfies ErrorInfo),
};

class ExprParser extends CstParser {
  constructor() {
    super(T.allTokens, { recoveryEnabled: true, errorMessageProvider: messages, maxLookahead: 2 });
    this.performSelfAnalysis();
  }

  public expression = this.RULE('expression', () => {
    this.SUBRULE(this.orExpr);
  });

  private orExpr = this.RULE('orExpr', () => {
    this.SUBRULE(this.andExpr);
    this.MANY(() => {
      this.CONSUME(T.Or);
      this.SUBRULE2(this.andExpr);
    });
  });

  private andExpr = this.RULE('andExpr', () => {
    this.SUBRULE(this.notExpr);
    this.MANY(() => {
      this.CONSUME(T.And);
      this.SUBRULE2(this.notExpr);
    });
  });

  private notExpr = this.RULE('notExpr', () => {
    this.MANY(() => this.CONSUME(T.Not));
    this.SUBRULE(this.compareExpr);
  });

  // OPTION, not MANY: `a < b < c` stops here and is reported as redundant input.
  private compareExpr = this.RULE('compareExpr', () => {
    this.SUBRULE(this.additiveExpr);
    this.OPTION(() => {
      this.CONSUME(T.CompareOp);
      this.SUBRULE2(this.additiveExpr);
    });
  });

  private additiveExpr = this.RULE('additiveExpr', () => {
    this.SUBRULE(this.multiplicativeExpr);
    this.MANY(() => {
      this.CONSUME(T.AdditiveOp);
      this.SUBRULE2(this.multiplicativeExpr);
    });
  });

  private multiplicativeExpr = this.RULE('multiplicativeExpr', () => {
    this.SUBRULE(this.unaryExpr);
    this.MANY(() => {
      this.CONSUME(T.MultOp);
      this.SUBRULE2(this.unaryExpr);
    });
  });

  private unaryExpr = this.RULE('unaryExpr', () => {
    this.MANY(() => this.CONSUME(T.Minus));
    this.SUBRULE(this.primary);
  });

  private primary = this.RULE('primary', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.NumberTok) },
      { ALT: () => this.CONSUME(T.Percent) },
      { ALT: () => this.CONSUME(T.StringLike) },
      { ALT: () => this.CONSUME(T.True) },
      { ALT: () => this.CONSUME(T.False) },
      { ALT: () => this.CONSUME(T.Class) },
      { ALT: () => this.CONSUME(T.Risk) },
      { ALT: () => this.CONSUME(T.Item) },
      { ALT: () => this.CONSUME(T.Window) },
      // A lone `*` in operand position is the ★ set.
      { ALT: () => this.CONSUME(T.Star) },
      { ALT: () => this.SUBRULE(this.nameOrCall) },
      { ALT: () => this.SUBRULE(this.setLiteral) },
      { ALT: () => this.SUBRULE(this.parenExpr) },
    ]);
  });

  private nameOrCall = this.RULE('nameOrCall', () => {
    this.CONSUME(T.Identifier);
    this.OPTION(() => {
      this.CONSUME(T.LParen);
      this.OPTION2(() => this.SUBRULE(this.exprList));
      this.CONSUME(T.RParen);
    });
  });

  private setLiteral = this.RULE('setLiteral', () => {
    this.CONSUME(T.LBracket);
    this.OPTION(() => this.SUBRULE(this.exprList));
    this.CONSUME(T.RBracket);
  });

  private exprList = this.RULE('exprList', () => {
    this.SUBRULE(this.expression);
    this.MANY(() => {
      this.CONSUME(T.Comma);
      this.SUBRULE2(this.expression);
    });
  });

  private parenExpr = this.RULE('parenExpr', () => {
    this.CONSUME(T.LParen);
    this.SUBRULE(this.expression);
    this.CONSUME(T.RParen);
  });
}

/** The one parser instance: construction (grammar analysis) is the expensive part. */
export const exprParser = new ExprParser();
