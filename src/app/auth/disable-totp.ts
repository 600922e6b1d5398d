// DELETE /me/totp: turns the second factor off, after the password and a current code (or a
// recovery code, when the phone is lost). Refused while the organisation requires a second
// factor for one of the user's roles. The user is told by mail.
import { appendLedger } from '../../adapters/db/ledger.js';
import { disableTotp } from '../../adapters/db/user-credentials.js';
import { requiresTotp } from '../../domain/auth/roles.js';
import { DomainError } from '../../domain/errors.js';
import type { AppContext } from '../context.js';
import { dispatchMail, queueMail } from '../mail/send-mail.js';
import { assertSession, type Principal } from './principal.js';
import { reauthenticate } from './reauthenticate.js';

export async function disableOwnTotp(
  ctx: Pick<AppContext, 'db' | 'clock' | 'passwords' | 'config' | 'mailer' | 'log'>,
  input: { actor: Principal; password: string; code: string },
): Promise<void> {
  const { actor } = input;
  assertSession(actor);
  const org = await ctx.db
    .selectFrom('organisations')
    .select('require_totp_roles')
    .where('id', '=', actor.organisationId)
    .executeTakeFirstOrThrow();
  if (requiresTotp(actor.roles, org.require_totp_roles))
    throw new DomainError('forbidden', { messageKey: 'error.totp_required_by_organisation' });
  if (!actor.totpEnabled) throw new DomainError('invalid_transition', { messageKey: 'error.totp_not_enabled' });
  await reauthenticate(ctx, actor, { password: input.password, code: input.code, requireSecondFactor: true });

  const now = ctx.clock.now();
  const mail = await ctx.db.transaction().execute(async (tx) => {
    if (!(await disableTotp(tx, actor.userId))) throw new DomainError('invalid_transition', { messageKey: 'error.totp_not_enabled' });
    await appendLedger(tx, {
      action: 'totp.disabled',
      at: now,
      actorId: actor.userId,
      organisationId: actor.organisationId,
      subject: { type: 'user', id: actor.userId },
      data: {},
    });
    return queueMail(tx, ctx, {
      to: { userId: actor.userId },
      template: 'totp_disabled',
      params: {},
      organisationId: actor.organisationId,
      actorId: actor.userId,
    });
  });
  dispatchMail(ctx, mail.id);
}
