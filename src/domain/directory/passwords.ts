// Passwords generated for an administrator to hand over (user creation from the command line,
// `rempart user reset-password`). The length rules are those of domain/auth/password-policy.ts.
import { randomInt } from 'node:crypto';

// No look-alike characters (0/O, 1/l/I): generated passwords are read aloud or copied by hand.
const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** 20 characters from a 55-letter alphabet: about 115 bits. */
export function generatePassword(length = 20): string {
  let out = '';
  for (let i = 0; i < length; i += 1) out += alphabet[randomInt(alphabet.length)];
  return out;
}
