// POST /auth/password-reset/confirm: a live link's secret sets a new password. The link is used
// up, every session of the user is signed out, and the failed-login count of the e-mail is reset.
// The second factor stays: a mailbox alone does not give the account.
import { appendLedger } from '../../adapters/db/ledger.js';
import { consumePasswordReset, deleteUnusedPasswordResets, isPasswordResetLive } from '../../adapters/db/password-resets.js';
import { clearRateLimit } from '../../adapters/db/rate-limits.js';
import { revokeUserSessions } from '../../adapters/db/sessions.js';
import { setPasswordHash } from '../../adapters/db/user-credentials.js';
import { findUserById } from '../../adapters/db/users.js';
import { assertAcceptablePassword } from '../../domain/auth/password-policy.js';
import { secretDigest } from '../../domain/auth/secrets.js';
import { DomainError } from '../../domain/errors.js';
import type { AppContext } from '../context.js';
import { dispatchMail, queueMail } from '../mail/send-mail.js';
import { loginEmailKey } from './login.js';

export async function confirmPasswordReset(
  ctx: Pick<AppContext, 'db' | 'clock' | 'passwords' | 'config' | 'mailer' | 'log'>,
  input: { token: string; password: string },
): Promise<void> {
  assertAcceptablePassword(input.password);
  const now = ctx.clock.now();
  const tokenHash = secretDigest(input.token.trim());
  // Checked before hashing, so unknown links cost no argon2 work.
  if (!(await isPasswordResetLive(ctx.db, tokenHash, now))) throw new DomainError('invalid_token');
  const passwordHash = await ctx.passwords.hash(input.password);

  const { mailId, email } = await ctx.db.transaction().execute(async (tx) => {
    const used = await consumePasswordReset(tx, tokenHash, now);
    if (!used) throw new DomainError('invalid_token');
    const user = await findUserById(tx, used.userId);
    if (!user || user.status !== 'active') throw new DomainError('invalid_token');
    await setPasswordHash(tx, user.id, passwordHash);
    const revoked = await revokeUserSessions(tx, user.id, now);
    await deleteUnusedPasswordResets(tx, user.id);
    await appendLedger(tx, {
      action: 'password.reset',
      at: now,
      actorId: user.id,
      organisationId: user.organisation_id,
      subject: { type: 'user', id: user.id },
      data: { revokedSessions: revoked },
    });
    const mail = await queueMail(tx, ctx, {
      to: { userId: user.id },
      template: 'password_changed',
      params: {},
      organisationId: user.organisation_id,
      actorId: user.id,
    });
    return { mailId: mail.id, email: user.email };
  });
  await clearRateLimit(ctx.db, loginEmailKey(email));
  dispatchMail(ctx, mailId);
}
