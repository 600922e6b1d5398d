// Personal API tokens (Authorization: Bearer). Stored as SHA-256 digests.
import type { Queryable } from './database.js';

export async function insertApiToken(
  db: Queryable,
  t: { userId: string; label: string; tokenHash: string; prefix: string; scopes: string[]; at: Date },
): Promise<{ id: string }> {
  return db
    .insertInto('api_tokens')
    .values({ user_id: t.userId, label: t.label, token_hash: t.tokenHash, prefix: t.prefix, scopes: t.scopes, created_at: t.at })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function findLiveApiToken(db: Queryable, tokenHash: string) {
  return db.selectFrom('api_tokens').selectAll().where('token_hash', '=', tokenHash).where('revoked_at', 'is', null).executeTakeFirst();
}

export async function touchApiToken(db: Queryable, id: string, at: Date): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
}

export async function listApiTokens(db: Queryable, userId: string) {
  return db
    .selectFrom('api_tokens')
    .select(['id', 'label', 'prefix', 'scopes', 'created_at', 'last_used_at', 'revoked_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .execute();
}

export async function revokeApiToken(db: Queryable, userId: string, id: string, at: Date): Promise<boolean> {
  const r = await db
    .updateTable('api_tokens')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
