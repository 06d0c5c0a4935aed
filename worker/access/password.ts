import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import * as v from 'valibot';

/**
 * scrypt with one of OWASP's equivalent parameter sets: N=2^14, r=8, p=5 costs the same CPU
 * as N=2^17, p=1 but needs 16 MiB instead of 128 MiB, which fits a Worker isolate.
 */
const params = { N: 2 ** 14, r: 8, p: 5 } as const;
const keyLength = 32;
const maxmem = 64 * 1024 * 1024;

function derive(password: string, salt: Buffer, p: { N: number; r: number; p: number }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, keyLength, { ...p, maxmem }, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** `scrypt$N$r$p$salt$hash`, base64: the parameters travel with the hash so they can be raised later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  const [scheme, N, r, p, salt, key] = hash.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await derive(password, Buffer.from(salt, 'base64'), { N: Number(N), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Passwords people pick first; refusing them matters more than composition rules (NIST 800-63B). */
const common = ['lösenord', 'losenord', 'password', 'sommar', 'vinter', 'qwerty', '123456', 'samverkan', 'kommun', 'dalsland', 'välkommen', 'valkommen'];

/**
 * Length over composition, as NIST 800-63B and OWASP advise: 12–128 characters, not one
 * repeated character, not built on a common word alone or on the e-mail address.
 */
export const passwordSchema = (email = '') =>
  v.pipe(
    v.string('Ange ett lösenord.'),
    v.minLength(12, 'Lösenordet måste ha minst 12 tecken. Ett par ord med mellanslag är lätt att minnas och svårt att gissa.'),
    v.maxLength(128, 'Lösenordet får ha högst 128 tecken.'),
    v.check((value) => new Set(value).size > 3, 'Lösenordet får inte bestå av samma fåtal tecken om och om igen.'),
    v.check((value) => {
      const plain = value.toLowerCase().replace(/[^a-zåäö]/g, '');
      return !common.some((word) => plain === word || plain.replace(new RegExp(word, 'g'), '').length < 4);
    }, 'Lösenordet är för likt ett vanligt lösenord. Välj något som inte går att gissa.'),
    v.check((value) => {
      const local = email.split('@')[0]?.toLowerCase() ?? '';
      return local.length < 3 || !value.toLowerCase().includes(local);
    }, 'Lösenordet får inte innehålla din e-postadress.'),
  );
