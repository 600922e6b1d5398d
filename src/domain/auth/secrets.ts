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

/**
 * The id a session is shown and revoked by: the first 16 hex digits of its digest. The full
 * digest stays server-side (it is the lookup key of the cookie); 64 bits are plenty to tell one
 * user's sessions apart, and lookups also match the user id.
 */
export function publicSessionId(sessionDigest: string): string {
  return sessionDigest.slice(0, 16);
}

export const PUBLIC_SESSION_ID = /^[0-9a-f]{16}$/;
