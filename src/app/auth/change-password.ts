// POST /me/password: the signed-in user changes their password, re-entering the current one.
// Every other session is signed out (someone who knew the old password may hold one), unused
// reset links die, and the user is told by mail.
import { appendLedger } from '../../adapters/db/ledger.js';
import { deleteUnusedPasswordResets } from '../../adapters/db/password-resets.js';
import { revokeUserSessions } from '../../adapters/db/sessions.js';
import { setPasswordHash } from '../../adapters/db/user-credentials.js';
import { assertAcceptablePassword } from '../../domain/auth/password-policy.js';
import type { AppContext } from '../context.js';
import { dispatchMail, queueMail } from '../mail/send-mail.js';
import { assertSession, type Principal } from './principal.js';
import { reauthenticate } from './reauthenticate.js';

export async function changePassword(
  ctx: Pick<AppContext, 'db' | 'clock' | 'passwords' | 'config' | 'mailer' | 'log'>,
  input: { actor: Principal; currentPassword: string; newPassword: string },
): Promise<{ revokedSessions: number }> {
  const { actor } = input;
  assertSession(actor);
  assertAcceptablePassword(input.newPassword);
  await reauthenticate(ctx, actor, { password: input.currentPassword });
  const passwordHash = await ctx.passwords.hash(input.newPassword);
  const now = ctx.clock.now();
  const { revokedSessions, mailId } = await ctx.db.transaction().execute(async (tx) => {
    await setPasswordHash(tx, actor.userId, passwordHash);
    const revoked = await revokeUserSessions(tx, actor.userId, now, actor.sessionId);
    await deleteUnusedPasswordResets(tx, actor.userId);
    await appendLedger(tx, {
      action: 'password.changed',
      at: now,
      actorId: actor.userId,
      organisationId: actor.organisationId,
      subject: { type: 'user', id: actor.userId },
      data: { revokedSessions: revoked },
    });
    const mail = await queueMail(tx, ctx, {
      to: { userId: actor.userId },
      template: 'password_changed',
      params: {},
      organisationId: actor.organisationId,
      actorId: actor.userId,
    });
    return { revokedSessions: revoked, mailId: mail.id };
  });
  dispatchMail(ctx, mailId);
  return { revokedSessions };
}
