// Password reset links. The table holds the SHA-256 of the link's secret, never the secret.
import type { Queryable } from './database.js';

export async function insertPasswordReset(
  db: Queryable,
  r: { tokenHash: string; userId: string; at: Date; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('password_resets')
    .values({ token_hash: r.tokenHash, user_id: r.userId, created_at: r.at, expires_at: r.expiresAt })
    .execute();
}

/** Whether a link is live (unused, not expired), without using it. */
export async function isPasswordResetLive(db: Queryable, tokenHash: string, now: Date): Promise<boolean> {
  const row = await db
    .selectFrom('password_resets')
    .select('user_id')
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Marks a live link used and returns its user, in one statement: of two concurrent uses of the
 * same link, only one gets a row.
 */
export async function consumePasswordReset(db: Queryable, tokenHash: string, now: Date): Promise<{ userId: string } | undefined> {
  const row = await db
    .updateTable('password_resets')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning('user_id')
    .executeTakeFirst();
  return row ? { userId: row.user_id } : undefined;
}

/** Voids a user's unused links (a newer link was sent, or the password changed). */
export async function deleteUnusedPasswordResets(db: Queryable, userId: string): Promise<number> {
  const r = await db.deleteFrom('password_resets').where('user_id', '=', userId).where('used_at', 'is', null).executeTakeFirst();
  return Number(r.numDeletedRows);
}
