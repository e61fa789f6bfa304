// Which output files a command may write: decided here, once, for every command. An output
// must not be one of the command's inputs (the register, the rule files and their bases),
// nor the same file as another output; an existing output must be a regular file, never a
// directory or a device (as root, replacing /dev/null by a file breaks the machine). “-” is
// standard output. Files are compared by what they are (device and inode, or the real path),
// not by how they are named, so ./a.csv, a link to it and a hard link are the same file.
import { realpathSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { CompileResult } from '../../compiler/index.js';

/** A refused output or a failed write: printed without the usage text; exit 2. */
export class OutputError extends Error {}

export const STDOUT = '-';

export interface Output {
  path: string;
  /** The option that names it (--out, --errors, --pdf, --form), or how it came (默认错误文件). */
  what: string;
}

interface Identity {
  /** dev:ino when the file exists. */
  inode?: string;
  /** The real path (of the parent folder, for a file not yet there). */
  real: string;
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function identity(path: string, st: Stats | undefined): Identity {
  if (st) {
    let real = resolve(path);
    try {
      real = realpathSync(path);
    } catch {
      // keep the resolved name
    }
    return { inode: `${st.dev}:${st.ino}`, real };
  }
  let dir = resolve(dirname(path));
  try {
    dir = realpathSync(dir);
  } catch {
    // checked by the caller
  }
  return { real: join(dir, basename(path)) };
}

const same = (a: Identity, b: Identity) => (a.inode !== undefined && a.inode === b.inode) || a.real === b.real;

/** The files a compiled rule set was read from: the file, every base under it, and its product catalogues. */
export function ruleFiles(result: CompileResult | undefined): string[] {
  const out: string[] = [];
  for (let r = result; r; r = r.base) out.push(r.path);
  for (const c of result?.linked?.model.catalogues ?? []) out.push(resolve(c.file));
  return out;
}

/** The input files of loaded rules: those of every version (D10), or of the one rule set. */
export function loadedRuleFiles(loaded: { result: CompileResult; versions?: Map<unknown, CompileResult> }): string[] {
  return [...(loaded.versions?.values() ?? [loaded.result])].flatMap(ruleFiles);
}

/** Throws OutputError when an output would destroy an input, another output or a device. */
export function checkOutputs(outputs: readonly Output[], inputs: readonly string[]): void {
  const ins = inputs.filter((p) => p !== STDOUT).map((p) => ({ path: p, id: identity(p, statOrUndefined(p)) }));
  const seen: { out: Output; id: Identity | 'stdout' }[] = [];
  for (const out of outputs) {
    const name = `${out.what} ${out.path}`;
    if (out.path === STDOUT) {
      const other = seen.find((s) => s.id === 'stdout');
      if (other) throw new OutputError(`${name}：与 ${other.out.what} 都写到标准输出，内容会混在一起。请给其中一个文件名。/ ${out.what} and ${other.out.what} both go to standard output`);
      seen.push({ out, id: 'stdout' });
      continue;
    }
    if (out.path === '') throw new OutputError(`${out.what} 的文件名为空。/ ${out.what} names no file`);
    const st = statOrUndefined(out.path);
    if (st?.isDirectory()) throw new OutputError(`${name}：这是一个目录，不能作为输出文件。请给出目录中的文件名。/ ${out.path} is a directory, not an output file`);
    if (st && !st.isFile()) throw new OutputError(`${name}：这不是普通文件（设备、管道或套接字），fenlei 不写入它。要输出到标准输出请用“-”。/ ${out.path} is not a regular file (a device, FIFO or socket); use - for standard output`);
    const parent = statOrUndefined(dirname(resolve(out.path)));
    if (!parent?.isDirectory()) throw new OutputError(`${name}：所在的目录不存在。/ the folder of ${out.path} does not exist`);
    const id = identity(out.path, st);
    const input = ins.find((i) => same(i.id, id));
    if (input) throw new OutputError(`${name}：这是输入文件 ${input.path}，写入会毁掉它。请换一个输出文件名。/ ${out.path} is an input of this command (${input.path}); refusing to overwrite it`);
    const other = seen.find((s) => s.id !== 'stdout' && same(s.id, id));
    if (other) throw new OutputError(`${name}：与 ${other.out.what} ${other.out.path} 是同一个文件，后写的会覆盖先写的。请给两个不同的文件名。/ ${out.what} and ${other.out.what} name the same file`);
    seen.push({ out, id });
  }
}

/**
 * A file name made from text of a rule file or register (a region, an enterprise id) for a
 * default output name: no folder separators, no control characters, no leading dot (a
 * 地区 of “../../x” must not write elsewhere), at most 80 characters.
 */
export function safeFileName(text: string): string {
  const chars = [...text].map((c) => (c.charCodeAt(0) < 0x20 || c === '\u007f' || '/\\:*?"<>|'.includes(c) ? '_' : c));
  return chars.slice(0, 80).join('').replace(/^[.\s]+/, '_') || '_';
}
