// POST /admin/users/{id}/password-reset: an administrator sends a person who cannot sign in a
// single-use link to choose a new password (the same link and mail as "forgotten password", to
// the address of the login — the administrator never sees it). Limited per login, so the
// button cannot be used to flood someone's mailbox.
import { findUserById } from '../../adapters/db/users.js';
import { DomainError } from '../../domain/errors.js';
import { issuePasswordReset, limit, RESET_VALID_MINUTES } from '../auth/request-password-reset.js';
import type { AppContext } from '../context.js';
import { dispatchMail } from '../mail/send-mail.js';
import type { DirectoryActor } from './actor.js';
import { notFound } from './errors.js';

export const adminResetLimit = { max: 5, windowMs: 60 * 60_000 };

export async function sendPasswordResetLink(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config' | 'mailer' | 'log'>,
  input: { actor: DirectoryActor; userId: string },
): Promise<{ email: string; validMinutes: number }> {
  const { actor } = input;
  const user = await findUserById(ctx.db, input.userId);
  if (!user || user.organisation_id !== actor.organisationId) throw notFound();
  if (user.status !== 'active') throw new DomainError('invalid_transition', { messageKey: 'directory.error.user_disabled' });
  const now = ctx.clock.now();
  await limit(ctx, `reset:admin:${user.id}`, adminResetLimit, now);
  const issued = await ctx.db.transaction().execute((tx) => issuePasswordReset(tx, ctx, user, actor.userId));
  dispatchMail(ctx, issued.mailId, { resetUrl: issued.resetUrl });
  return { email: user.email, validMinutes: RESET_VALID_MINUTES };
}
