// What several commands read from their arguments the same way: the rules and the register,
// the register's encoding, the review date and the default name of a printed document.
import { basename, extname } from 'node:path';
import { existsSync } from 'node:fs';
import { flag, type Parsed, UsageError } from '../args.js';
import { parseEncoding, type TextEncoding } from '../io/encoding.js';
import { dayNumber } from '../../runtime/index.js';

/**
 * Every positional argument but the last names rules (one file, or the versions of one province,
 * D10); the last is the register, which must exist unless `-` (standard input) is allowed.
 */
export function rulesAndRegister(p: Parsed, usage: string, stdin = false): { rulesSpecs: string[]; registerPath: string } {
  const rulesSpecs = p.positional.slice(0, -1);
  const registerPath = p.positional[p.positional.length - 1];
  if (!rulesSpecs.length || !registerPath) throw new UsageError(usage);
  if (!(stdin && registerPath === '-') && !existsSync(registerPath)) throw new UsageError(`找不到登记表：${registerPath} / file not found`);
  return { rulesSpecs, registerPath };
}

/** An encoding option (`--input-encoding gbk`): undefined when not given, refused when unknown. */
export function encodingOption(p: Parsed, name: string): TextEncoding | undefined {
  const text = flag(p, name);
  const encoding = parseEncoding(text);
  if (text !== undefined && !encoding) throw new UsageError(`不支持的编码“${text}”（可用 utf-8、gb18030）/ unknown encoding`);
  return encoding;
}

/** `--today YYYY-MM-DD`, the date classes are reviewed at; today when not given. */
export function parseToday(p: Parsed): number {
  const todayText = flag(p, 'today');
  const today = todayText ? dayNumber(todayText) : Math.floor(Date.now() / 86_400_000);
  if (Number.isNaN(today)) throw new UsageError(`--today 日期无效：${todayText}`);
  return today;
}

/** A document named after the register, in the working folder: 登记表.csv → 登记表.report.html. */
export function defaultOut(register: string, suffix: string): string {
  const b = basename(register);
  const ext = extname(b);
  return `${ext ? b.slice(0, -ext.length) : b}${suffix}`;
}
