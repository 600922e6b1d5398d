// TOTP (RFC 6238: SHA-1, 6 digits, 30 s) and single-use recovery codes.
import { randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { secretDigest } from './secrets.js';

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function totpFor(secretBase32: string, account: string, issuer = 'Rempart'): TOTP {
  return new TOTP({ issuer, label: account, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secretBase32) });
}

/** Accepts the code of the current 30 s step or of the one before or after (clock drift). */
export function checkTotp(secretBase32: string, code: string, at: Date): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  return totpFor(secretBase32, 'x').validate({ token: code, timestamp: at.getTime(), window: 1 }) !== null;
}

/**
 * The 30 s step a valid code belongs to (current step ±1), or null. Callers remember the last
 * step accepted per user and refuse a step not after it, so each code works only once.
 */
export function totpStep(secretBase32: string, code: string, at: Date): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const totp = totpFor(secretBase32, 'x');
  const delta = totp.validate({ token: code, timestamp: at.getTime(), window: 1 });
  return delta === null ? null : totp.counter({ timestamp: at.getTime() }) + delta;
}

export function currentTotp(secretBase32: string, at: Date): string {
  return totpFor(secretBase32, 'x').generate({ timestamp: at.getTime() });
}

/** Ten codes like `k3f9-x2pq-7hzm`, shown once; only their digests are kept. */
export function newRecoveryCodes(count = 10): { codes: string[]; digests: string[] } {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const codes = Array.from({ length: count }, () => {
    const bytes = randomBytes(12);
    const chars = Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
  });
  return { codes, digests: codes.map(recoveryCodeDigest) };
}

export function recoveryCodeDigest(code: string): string {
  return secretDigest(code.trim().toLowerCase().replace(/\s+/g, ''));
}
