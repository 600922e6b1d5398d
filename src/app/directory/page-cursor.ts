// Opaque keyset cursors for directory lists: base64url of [sortKey, id].
import type { PageRequest } from '../../adapters/db/persons.js';
import type { Locale } from '../../locales/index.js';
import { invalidFields } from './errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeCursor(last: { key: string; id: string } | null): string | null {
  return last ? Buffer.from(JSON.stringify([last.key, last.id]), 'utf8').toString('base64url') : null;
}

export function pageRequest(locale: Locale, q: { limit: number; cursor?: string | undefined; offset?: number | undefined }): PageRequest {
  if (q.cursor !== undefined && q.offset !== undefined) {
    throw invalidFields(locale, [{ path: 'querystring.offset', key: 'directory.error.cursor_and_offset' }]);
  }
  if (q.cursor === undefined) return { limit: q.limit, offset: q.offset };
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(q.cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  if (
    !Array.isArray(decoded) ||
    decoded.length !== 2 ||
    typeof decoded[0] !== 'string' ||
    typeof decoded[1] !== 'string' ||
    !UUID.test(decoded[1])
  ) {
    throw invalidFields(locale, [{ path: 'querystring.cursor', key: 'directory.error.invalid_cursor' }]);
  }
  return { limit: q.limit, after: { key: decoded[0], id: decoded[1] } };
}
