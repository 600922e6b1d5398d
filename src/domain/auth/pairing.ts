// Short pairing codes (device authorisation): 8 characters from an alphabet without look-alikes
// (no 0/O, 1/I/L), shown as ABCD-EFGH, typed back by a person. 30^8 ≈ 6.6·10^11 codes, valid 10
// minutes, approval attempts rate-limited: guessing is not practical.
import { randomInt } from 'node:crypto';

const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ2345679';
export const PAIRING_TTL_MS = 10 * 60_000;
export const PAIRING_SCOPES = ['capture'];

export function newUserCode(): string {
  const chars = Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4)}`;
}

/** Upper-cases and drops separators and spaces; undefined when it cannot be a code. */
export function normaliseUserCode(input: string): string | undefined {
  const s = input.toUpperCase().replace(/[\s-]/g, '');
  if (s.length !== 8 || [...s].some((c) => !ALPHABET.includes(c))) return undefined;
  return s;
}
