import { createTOTPKeyURI, verifyHOTP } from '@oslojs/otp';
import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import { renderSVG } from 'uqr';
import { generateToken, hashToken } from './tokens.ts';

/** RFC 6238 defaults that every authenticator app understands: 30 s steps, 6 digits. */
const period = 30;
const digits = 6;

export function newTotpKey(): Uint8Array {
  const key = new Uint8Array(20);
  crypto.getRandomValues(key);
  return key;
}

export const totpStep = (now = Date.now()) => Math.floor(now / 1000 / period);

/**
 * A code is accepted within one step of clock drift, and never for a step at or before the
 * last one used, so an overheard code cannot be replayed, not even while it is still inside
 * the drift window. Returns the step the code belongs to, to remember as the last used.
 */
export function acceptTotp(key: Uint8Array, code: string, lastStep: number | null, now = Date.now()): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const current = totpStep(now);
  for (const step of [current - 1, current, current + 1]) {
    if ((lastStep === null || step > lastStep) && verifyHOTP(key, BigInt(step), digits, code)) return step;
  }
  return null;
}

export function enrolment(key: Uint8Array, email: string) {
  const uri = createTOTPKeyURI('Samverkansplattformen', email, key, period, digits);
  const svg = renderSVG(uri, { border: 2 });
  return {
    uri,
    secret: encodeBase32UpperCaseNoPadding(key),
    qrDataUrl: `data:image/svg+xml;base64,${btoa(svg)}`,
  };
}

/** Ten one-time recovery codes, shown once; only their hashes are stored. */
export function newRecoveryCodes(): { codes: string[]; hashes: string[] } {
  const codes = Array.from({ length: 10 }, () => generateToken().slice(0, 12).replace(/(.{4})(.{4})(.{4})/, '$1-$2-$3'));
  return { codes, hashes: codes.map(recoveryHash) };
}

export const recoveryHash = (code: string) => hashToken(code.trim().toLowerCase().replace(/[^a-z0-9]/g, ''));
