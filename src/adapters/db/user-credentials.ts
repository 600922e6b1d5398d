// Queries on a user's credentials: password hash, TOTP secret and its state, recovery codes.
// The single-use rules (TOTP step, recovery code) are enforced by conditional updates, so two
// concurrent requests cannot both spend the same code.
import { sql } from 'kysely';
import type { Queryable } from './database.js';

export async function setPasswordHash(db: Queryable, userId: string, passwordHash: string): Promise<void> {
  await db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
}

/** Starts (or restarts) an enrolment: a new secret, not yet enabled. Refused once enabled. */
export async function setPendingTotpSecret(db: Queryable, userId: string, secret: string): Promise<boolean> {
  const r = await db
    .updateTable('users')
    .set({ totp_secret: secret, totp_enabled_at: null, recovery_code_hashes: [], totp_last_step: null })
    .where('id', '=', userId)
    .where('totp_enabled_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Enables the pending secret that was checked (not one a concurrent restart replaced). */
export async function enableTotp(
  db: Queryable,
  userId: string,
  e: { secret: string; at: Date; recoveryDigests: string[]; step: number },
): Promise<boolean> {
  const r = await db
    .updateTable('users')
    .set({ totp_enabled_at: e.at, recovery_code_hashes: e.recoveryDigests, totp_last_step: e.step })
    .where('id', '=', userId)
    .where('totp_secret', '=', e.secret)
    .where('totp_enabled_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function disableTotp(db: Queryable, userId: string): Promise<boolean> {
  const r = await db
    .updateTable('users')
    .set({ totp_secret: null, totp_enabled_at: null, recovery_code_hashes: [], totp_last_step: null })
    .where('id', '=', userId)
    .where('totp_enabled_at', 'is not', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Records `step` as used; false when it (or a later one) was already accepted. */
export async function claimTotpStep(db: Queryable, userId: string, step: number): Promise<boolean> {
  const r = await db
    .updateTable('users')
    .set({ totp_last_step: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', String(step))]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Removes one recovery code; false when it was not (or no longer) there. */
export async function spendRecoveryCode(db: Queryable, userId: string, digest: string): Promise<boolean> {
  const r = await db
    .updateTable('users')
    .set({ recovery_code_hashes: sql<string[]>`array_remove(recovery_code_hashes, ${digest})` })
    .where('id', '=', userId)
    .where(sql<boolean>`${digest} = any(recovery_code_hashes)`)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
