// Password rules for every path that sets one (change, reset, and later admin tools): long
// enough to resist guessing, bounded so argon2id cannot be fed megabytes.
import { DomainError } from '../errors.js';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 1024;

/** Length in Unicode code points, not UTF-16 units (an accented letter or most emoji count once). */
export function passwordLength(password: string): number {
  return [...password].length;
}

export function assertAcceptablePassword(password: string): void {
  if (passwordLength(password) < MIN_PASSWORD_LENGTH) {
    throw new DomainError('invalid_input', { messageKey: 'error.password_too_short', params: { min: MIN_PASSWORD_LENGTH } });
  }
  if (password.length > MAX_PASSWORD_LENGTH) throw new DomainError('invalid_input');
}
