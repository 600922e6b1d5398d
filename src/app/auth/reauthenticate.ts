// Re-authentication of a signed-in user before a sensitive change (password change, turning the
// second factor off; later consents): the password again, and the second factor when asked.
// Failures are limited per user, so a stolen session cannot be used to guess the password.
import { clearRateLimit, hitRateLimit, peekRateLimit } from '../../adapters/db/rate-limits.js';
import { findUserById } from '../../adapters/db/users.js';
import { claimTotpStep, spendRecoveryCode } from '../../adapters/db/user-credentials.js';
import { recoveryCodeDigest, totpStep } from '../../domain/auth/totp.js';
import { DomainError } from '../../domain/errors.js';
import type { AppContext } from '../context.js';
import type { Principal } from './principal.js';

export const reauthLimit = { max: 5, windowMs: 15 * 60_000 };

export function reauthKey(userId: string): string {
  return `reauth:user:${userId}`;
}

export function retryAfterSeconds(resetAt: Date, now: Date): number {
  return Math.max(1, Math.ceil((resetAt.getTime() - now.getTime()) / 1000));
}

/** Throws rate_limited when the user already failed too often in the window. */
export async function assertReauthAllowed(ctx: Pick<AppContext, 'db' | 'clock'>, userId: string): Promise<void> {
  const now = ctx.clock.now();
  const state = await peekRateLimit(ctx.db, reauthKey(userId), reauthLimit.windowMs, now);
  if (state.count >= reauthLimit.max) {
    const seconds = retryAfterSeconds(state.resetAt, now);
    throw new DomainError('rate_limited', { params: { seconds }, retryAfterSeconds: seconds });
  }
}

/** Counts one failure and throws `error`. */
export async function failReauth(ctx: Pick<AppContext, 'db' | 'clock'>, userId: string, error: DomainError): Promise<never> {
  await hitRateLimit(ctx.db, reauthKey(userId), reauthLimit.windowMs, ctx.clock.now());
  throw error;
}

export async function reauthenticate(
  ctx: Pick<AppContext, 'db' | 'clock' | 'passwords'>,
  principal: Pick<Principal, 'userId'>,
  input: { password: string; code?: string | undefined; requireSecondFactor?: boolean },
): Promise<void> {
  const now = ctx.clock.now();
  await assertReauthAllowed(ctx, principal.userId);
  const user = await findUserById(ctx.db, principal.userId);
  if (!user || user.status !== 'active') throw new DomainError('unauthenticated');
  const passwordOk = user.password_hash ? await ctx.passwords.verify(user.password_hash, input.password) : false;
  if (!passwordOk) await failReauth(ctx, user.id, new DomainError('reauthentication_failed'));

  if (input.requireSecondFactor && user.totp_enabled_at && user.totp_secret) {
    const code = input.code?.trim() ?? '';
    const step = totpStep(user.totp_secret, code, now);
    // A TOTP code is spent like at login (one use per step); a recovery code is used up.
    const ok =
      step !== null ? await claimTotpStep(ctx.db, user.id, step) : await spendRecoveryCode(ctx.db, user.id, recoveryCodeDigest(code));
    if (!ok) await failReauth(ctx, user.id, new DomainError('reauthentication_failed', { messageKey: 'error.totp_invalid' }));
  }
  await clearRateLimit(ctx.db, reauthKey(user.id));
}
