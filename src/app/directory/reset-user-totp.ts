// DELETE /admin/users/{id}/totp: a person lost the phone that gives their six-digit codes and
// their recovery codes. An administrator, after confirming with their own password (and their
// own second factor), removes the person's second factor: every session of the person ends,
// they are told by mail, and if their role requires a second factor they must enrol a new one
// at their next sign-in. Not for your own account (the profile does that, with a code).
import { appendLedger } from '../../adapters/db/ledger.js';
import { revokeUserSessions } from '../../adapters/db/sessions.js';
import { disableTotp } from '../../adapters/db/user-credentials.js';
import { findUserById } from '../../adapters/db/users.js';
import { requiresTotp } from '../../domain/auth/roles.js';
import { DomainError } from '../../domain/errors.js';
import type { Principal } from '../auth/principal.js';
import { reauthenticate } from '../auth/reauthenticate.js';
import type { AppContext } from '../context.js';
import { dispatchMail, queueMail } from '../mail/send-mail.js';
import { notFound } from './errors.js';

export async function resetUserTotp(
  ctx: Pick<AppContext, 'db' | 'clock' | 'passwords' | 'config' | 'mailer' | 'log'>,
  input: { actor: Principal; userId: string; password: string; code?: string | undefined },
): Promise<{ sessionsRevoked: number; mustEnrol: boolean }> {
  const { actor } = input;
  const user = await findUserById(ctx.db, input.userId);
  if (!user || user.organisation_id !== actor.organisationId) throw notFound();
  if (user.id === actor.userId) throw new DomainError('invalid_transition', { messageKey: 'directory.error.totp_reset_self' });
  if (!user.totp_enabled_at) throw new DomainError('invalid_transition', { messageKey: 'error.totp_not_enabled' });
  await reauthenticate(ctx, actor, { password: input.password, code: input.code, requireSecondFactor: true });

  const now = ctx.clock.now();
  const done = await ctx.db.transaction().execute(async (tx) => {
    if (!(await disableTotp(tx, user.id))) throw new DomainError('invalid_transition', { messageKey: 'error.totp_not_enabled' });
    const sessionsRevoked = await revokeUserSessions(tx, user.id, now);
    const [org, roles] = await Promise.all([
      tx.selectFrom('organisations').select('require_totp_roles').where('id', '=', user.organisation_id).executeTakeFirstOrThrow(),
      tx.selectFrom('role_grants').select('role').where('user_id', '=', user.id).execute(),
    ]);
    const mustEnrol = requiresTotp(roles, org.require_totp_roles);
    await appendLedger(tx, {
      action: 'totp.reset_by_admin',
      at: now,
      actorId: actor.userId,
      organisationId: user.organisation_id,
      subject: { type: 'user', id: user.id },
      data: { sessionsRevoked, mustEnrol },
    });
    const mail = await queueMail(tx, ctx, {
      to: { userId: user.id },
      template: 'totp_reset',
      params: {},
      organisationId: user.organisation_id,
      actorId: actor.userId,
    });
    return { sessionsRevoked, mustEnrol, mailId: mail.id };
  });
  dispatchMail(ctx, done.mailId);
  return { sessionsRevoked: done.sessionsRevoked, mustEnrol: done.mustEnrol };
}
