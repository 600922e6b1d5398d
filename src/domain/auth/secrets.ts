// Random secrets handed to clients (session cookies, API tokens, reset links) are stored only
// as SHA-256 digests: a database leak does not give working credentials.
import { createHash, randomBytes } from 'node:crypto';

export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function secretDigest(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export const API_TOKEN_PREFIX = 'rmp_';

export function newApiToken(): { token: string; prefix: string } {
  const token = `${API_TOKEN_PREFIX}${newSecret(32)}`;
  return { token, prefix: token.slice(0, 12) };
}
