// POST /me/totp/confirm: a code from the authenticator app proves it holds the pending secret;
// the second factor is then on, and ten recovery codes are returned once (digests kept).
import { appendLedger } from '../../adapters/db/ledger.js';
import { findUserById } from '../../adapters/db/users.js';
import { enableTotp } from '../../adapters/db/user-credentials.js';
import { newRecoveryCodes, totpStep } from '../../domain/auth/totp.js';
import { DomainError } from '../../domain/errors.js';
import type { AppContext } from '../context.js';
import { assertSession, type Principal } from './principal.js';
import { assertReauthAllowed, failReauth } from './reauthenticate.js';

export async function confirmTotpEnrolment(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  input: { actor: Principal; code: string },
): Promise<{ recoveryCodes: string[] }> {
  const { actor } = input;
  assertSession(actor);
  const now = ctx.clock.now();
  const user = await findUserById(ctx.db, actor.userId);
  if (!user) throw new DomainError('unauthenticated');
  if (user.totp_enabled_at) throw new DomainError('invalid_transition', { messageKey: 'error.totp_already_enabled' });
  const secret = user.totp_secret;
  if (!secret) throw new DomainError('invalid_transition', { messageKey: 'error.totp_not_started' });
  // Wrong codes count with the re-authentication failures of this user.
  await assertReauthAllowed(ctx, actor.userId);
  const step = totpStep(secret, input.code.trim(), now);
  if (step === null) return failReauth(ctx, actor.userId, new DomainError('totp_invalid', { messageKey: 'error.totp_invalid' }));

  const { codes, digests } = newRecoveryCodes();
  await ctx.db.transaction().execute(async (tx) => {
    const enabled = await enableTotp(tx, actor.userId, { secret, at: now, recoveryDigests: digests, step });
    // A concurrent restart replaced the secret this code was checked against.
    if (!enabled) throw new DomainError('invalid_transition', { messageKey: 'error.totp_not_started' });
    await appendLedger(tx, {
      action: 'totp.enabled',
      at: now,
      actorId: actor.userId,
      organisationId: actor.organisationId,
      subject: { type: 'user', id: actor.userId },
      data: { recoveryCodes: codes.length },
    });
  });
  return { recoveryCodes: codes };
}
