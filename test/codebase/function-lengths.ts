// Functions of the source folders by length, read with the TypeScript compiler API (no type
// checking, just the syntax): declarations, methods, constructors, accessors, function
// expressions and arrow functions, each with the lines it spans from its first to its last.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

export interface FunctionSpan {
  /** Path from the repository root, with forward slashes. */
  file: string;
  /** The name a reader finds it by: `name`, `Class.method`, or `callee callback`. */
  name: string;
  line: number;
  lines: number;
  /** The reason given in a leading `// long:` comment, if any. */
  why: string | undefined;
}

const SOURCE = /\.(ts|mts|cts|js|mjs)$/;

/** Every function of the source files below `folders` of `root`. */
export function repositoryFunctions(root: string, folders: readonly string[]): FunctionSpan[] {
  return sourceFiles(root, folders).flatMap((f) => functionSpans(relative(root, f).split('\\').join('/'), readFileSync(f, 'utf8')));
}

function sourceFiles(root: string, folders: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      // Built or installed, not written: dependencies, builds, the editor extension's bundle.
      if (e.name === 'node_modules' || e.name === 'dist' || e.name === 'out' || e.name.startsWith('.')) continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (SOURCE.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p);
    }
  };
  for (const f of folders) walk(join(root, f));
  return out.sort();
}

const textOf = (n: ts.Node | undefined, sf: ts.SourceFile): string | undefined => {
  if (!n) return undefined;
  if (ts.isIdentifier(n) || ts.isPrivateIdentifier(n) || ts.isStringLiteral(n) || ts.isNumericLiteral(n)) return n.text;
  return n.getText(sf);
};

/** The name of a function node, from itself or from where it stands. */
function nameOf(fn: ts.FunctionLikeDeclaration, sf: ts.SourceFile): string {
  const own = fn.name ? textOf(fn.name, sf) : undefined;
  const cls = fn.parent && ts.isClassLike(fn.parent) ? (fn.parent.name?.text ?? '<class>') : undefined;
  if (ts.isConstructorDeclaration(fn)) return `${cls ?? '<class>'}.constructor`;
  const p = fn.parent;
  if (own && ts.isMethodDeclaration(fn) && ts.isObjectLiteralExpression(p) && (ts.isVariableDeclaration(p.parent) || ts.isPropertyAssignment(p.parent))) return `${textOf(p.parent.name, sf)}.${own}`;
  if (own) return cls ? `${cls}.${own}` : own;
  if (ts.isVariableDeclaration(p) || ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p)) {
    const n = textOf(p.name, sf)!;
    const pc = ts.isPropertyDeclaration(p) && ts.isClassLike(p.parent) ? p.parent.name?.text : undefined;
    return pc ? `${pc}.${n}` : n;
  }
  if (ts.isCallExpression(p) || ts.isNewExpression(p)) {
    const callee = p.expression.getText(sf).replace(/\s+/g, '');
    const first = p.arguments?.[0];
    const label = first && ts.isStringLiteralLike(first) ? `(${first.text})` : '';
    return `${callee}${label} callback`;
  }
  return '<function>';
}

/** The statement (or member) a function stands in: where its leading comments are. */
function holder(fn: ts.Node): ts.Node {
  let n: ts.Node = fn;
  while (n.parent && !ts.isSourceFile(n.parent) && !ts.isBlock(n.parent) && !ts.isClassLike(n.parent) && !ts.isModuleBlock(n.parent)) {
    if (ts.isCallExpression(n.parent) && n.parent.arguments.some((a) => a === n)) break;
    if (ts.isObjectLiteralExpression(n.parent)) break;
    n = n.parent;
  }
  return n;
}

function longReason(node: ts.Node, sf: ts.SourceFile): string | undefined {
  const text = sf.getFullText();
  for (const at of [node, holder(node)]) {
    for (const r of ts.getLeadingCommentRanges(text, at.getFullStart()) ?? []) {
      const m = /^\/\/\s*long:\s*(.*)$/m.exec(text.slice(r.pos, r.end));
      if (m) return m[1]!.trim();
    }
  }
  return undefined;
}

/** The functions of one file, `rel` its path from the repository root. */
export function functionSpans(rel: string, text: string): FunctionSpan[] {
  const sf = ts.createSourceFile(rel, text, ts.ScriptTarget.Latest, true);
  const out: FunctionSpan[] = [];
  const visit = (n: ts.Node) => {
    if (ts.isFunctionLike(n) && 'body' in n && n.body) {
      const fn = n as ts.FunctionLikeDeclaration;
      const start = sf.getLineAndCharacterOfPosition(fn.getStart(sf)).line;
      const end = sf.getLineAndCharacterOfPosition(fn.getEnd()).line;
      out.push({ file: rel, name: nameOf(fn, sf), line: start + 1, lines: end - start + 1, why: longReason(fn, sf) });
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}
