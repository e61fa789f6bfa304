// Sampling levels (第十一条 省级以上): stored under the record format's English names. The words
// come from the runtime's one table of event levels (only those an event may hold, not filters).
import { EVENT_LEVELS } from '../../runtime/levels.js';

const LEVEL_WORDS = new Map<string, string>(EVENT_LEVELS.filter((l) => l.record).flatMap((l) => [l.en, l.zh, ...l.aliases].map((w): [string, string] => [w, l.en])));

/** The stored level of a written one; null when none is written; undefined when it is not a level. */
export function levelOf(v: unknown): string | null | undefined {
  if (v === undefined || v === null || v === '') return null;
  return typeof v === 'string' ? LEVEL_WORDS.get(v.trim()) : undefined;
}
