// An administrator sets a login's password (`rempart user reset-password`): a given one, or a
// generated one shown once. Every open session of the user is revoked.
import { setUserPasswordHash } from '../../adapters/db/admin-users.js';
import { appendLedger } from '../../adapters/db/ledger.js';
import { revokeUserSessions } from '../../adapters/db/sessions.js';
import { findUserById } from '../../adapters/db/users.js';
import { MIN_PASSWORD_LENGTH, passwordLength } from '../../domain/auth/password-policy.js';
import { generatePassword } from '../../domain/directory/passwords.js';
import type { AppContext } from '../context.js';
import type { DirectoryActor } from './actor.js';
import { inTransaction, invalidFields, notFound } from './errors.js';

export async function setUserPassword(
  ctx: Pick<AppContext, 'db' | 'clock' | 'passwords'>,
  { actor, userId, password }: { actor: DirectoryActor; userId: string; password?: string | undefined },
): Promise<{ generatedPassword: string | null; sessionsRevoked: number }> {
  if (password !== undefined && passwordLength(password) < MIN_PASSWORD_LENGTH) {
    throw invalidFields(actor.locale, [{ path: 'password', key: 'error.password_too_short', params: { min: MIN_PASSWORD_LENGTH } }]);
  }
  const user = await findUserById(ctx.db, userId);
  if (!user || user.organisation_id !== actor.organisationId) throw notFound();
  const generatedPassword = password === undefined ? generatePassword() : null;
  const hash = await ctx.passwords.hash(password ?? generatedPassword ?? '');
  const now = ctx.clock.now();
  const sessionsRevoked = await inTransaction(ctx.db, async (tx) => {
    await setUserPasswordHash(tx, userId, hash);
    const revoked = await revokeUserSessions(tx, userId, now);
    await appendLedger(tx, {
      action: 'user.password_set',
      at: now,
      actorId: actor.userId,
      organisationId: actor.organisationId,
      subject: { type: 'user', id: userId },
      data: { generated: generatedPassword !== null, sessionsRevoked: revoked },
    });
    return revoked;
  });
  return { generatedPassword, sessionsRevoked };
}
