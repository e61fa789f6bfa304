// Answer words of the inspection form, Chinese and English.

export const PASS = 1;
export const FAIL = 0;
export const NOT_APPLICABLE = 2;

const WORDS = new Map<string, number>(Object.entries({
  未发现问题: PASS,
  符合: PASS,
  pass: PASS,
  发现问题: FAIL,
  不符合: FAIL,
  fail: FAIL,
  不适用: NOT_APPLICABLE,
  na: NOT_APPLICABLE,
  'n/a': NOT_APPLICABLE,
}));

/** PASS, FAIL, NOT_APPLICABLE, or -1 for a word the form does not know. */
export function readAnswer(word: unknown): number {
  if (typeof word !== 'string') return -1;
  // Nearly every answer is already a clean word: look it up before trimming.
  const exact = WORDS.get(word);
  if (exact !== undefined) return exact;
  const w = word.trim();
  return WORDS.get(w) ?? WORDS.get(w.toLowerCase()) ?? -1;
}

export const ANSWER_WORDS = [...WORDS.keys()];

export function answerText(pair: 'problem' | 'conform', pass: boolean): string {
  if (pair === 'conform') return pass ? '符合' : '不符合';
  return pass ? '未发现问题' : '发现问题';
}
