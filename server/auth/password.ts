import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** scrypt, a memory-hard KDF: N=2^15, r=8 → 32 MiB and ~50 ms per hash. */
const PARAMS = { N: 2 ** 15, r: 8, p: 1 };
const KEYLEN = 32;

function derive(password: string, salt: Buffer, o: { N: number; r: number; p: number }): Promise<Buffer> {
  const opts: ScryptOptions = { ...o, maxmem: 128 * o.N * o.r * 2 };
  return new Promise((resolve, reject) => scrypt(password.normalize('NFKC'), salt, KEYLEN, opts, (err, key) => (err ? reject(err) : resolve(key))));
}

/** `scrypt$N$r$p$salt$hash` (base64url). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [alg, N, r, p, salt, hash] = stored.split('$');
  if (alg !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await derive(password, Buffer.from(salt, 'base64url'), { N: Number(N), r: Number(r), p: Number(p) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** What a password must be, as one sentence, or undefined when it is fine. Characters are
 * counted as they are hashed: after NFKC, one per code point (so "e" + a combining accent is
 * one). A lone UTF-16 surrogate is refused: it is hashed as U+FFFD, so any two strings of
 * them of the same length would be the same password. */
export function passwordProblem(password: string): string | undefined {
  if (/\p{Cs}/u.test(password)) return 'use only real characters (this one holds a broken UTF-16 surrogate)';
  if ([...password.normalize('NFKC')].length < 10) return 'use at least 10 characters';
  if (password.length > 200) return 'use at most 200 characters';
  return undefined;
}
