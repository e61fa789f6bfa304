// Passwords: fenlei hashes with scrypt at N=2^15 (r=8, p=1); a stored hash names its cost and is
// verified with it, so the tests' users (test/server/api.ts, at N=2^10) sign in by the same path.
import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, SCRYPT_COST, verifyPassword } from '../../../server/auth/password.js';

describe('password hashes', () => {
  it('are scrypt at N=2^15, r=8, p=1 unless a cost is given, with a new salt each time', async () => {
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');
    expect(a.split('$').slice(0, 4)).toEqual(['scrypt', '32768', '8', '1']);
    expect(SCRYPT_COST).toEqual({ N: 32768, r: 8, p: 1 });
    expect(a).not.toBe(b);
    expect([await verifyPassword('correct horse battery', a), await verifyPassword('correct horse batterY', a)]).toEqual([true, false]);
  });

  it('are verified with the cost they name', async () => {
    const cheap = await hashPassword('correct horse battery', { N: 1024, r: 8, p: 1 });
    expect(cheap.split('$').slice(0, 4)).toEqual(['scrypt', '1024', '8', '1']);
    expect([await verifyPassword('correct horse battery', cheap), await verifyPassword('wrong horse battery', cheap)]).toEqual([true, false]);
    // The same salt and key under another cost is another hash.
    expect(await verifyPassword('correct horse battery', cheap.replace('$1024$', '$2048$'))).toBe(false);
    expect(await verifyPassword('correct horse battery', 'bcrypt$x')).toBe(false);
  });

  it('refuses a password under ten characters', () => {
    expect(passwordProblem('123456789')).toBe('密码至少10个字符 / a password needs at least 10 characters');
    expect(passwordProblem('1234567890')).toBeUndefined();
  });
});
