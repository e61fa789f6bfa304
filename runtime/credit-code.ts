// 统一社会信用代码 check digit (GB 32100-2015): 18 characters, the last a mod-31 check.

const CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function creditCodeValid(code: string): boolean {
  const c = code.trim().toUpperCase();
  if (c.length !== 18) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CHARS.indexOf(c[i]!);
    if (v < 0) return false;
    sum += v * WEIGHTS[i]!;
  }
  const check = (31 - (sum % 31)) % 31;
  return CHARS[check] === c[17];
}

/** Completes a 17-character prefix with its check character (used to make test registers). */
export function withCheckDigit(prefix17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CHARS.indexOf(prefix17[i]!) * WEIGHTS[i]!;
  return prefix17 + CHARS[(31 - (sum % 31)) % 31];
}
