// 统一社会信用代码 check digit (GB 32100-2015): 18 characters, the last a mod-31 check.

const CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** Value of each character code (lower case read as upper case), -1 for any other. */
const VALUE = new Int8Array(128).fill(-1);
for (let v = 0; v < CHARS.length; v++) {
  VALUE[CHARS.charCodeAt(v)] = v;
  VALUE[CHARS.toLowerCase().charCodeAt(v)] = v;
}

export function creditCodeValid(code: string): boolean {
  const c = code.trim();
  if (c.length !== 18) return false;
  let sum = 0;
  for (let i = 0; i < 18; i++) {
    const x = c.charCodeAt(i);
    const v = x < 128 ? VALUE[x]! : -1;
    if (v < 0) return false;
    if (i < 17) sum += v * WEIGHTS[i]!;
    else return v === (31 - (sum % 31)) % 31;
  }
  return false;
}

/** Completes a 17-character prefix with its check character (used to make test registers). */
export function withCheckDigit(prefix17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CHARS.indexOf(prefix17[i]!) * WEIGHTS[i]!;
  return prefix17 + CHARS[(31 - (sum % 31)) % 31];
}
