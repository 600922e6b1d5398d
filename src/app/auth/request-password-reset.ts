// POST /auth/password-reset: mails a single-use link valid one hour. The answer is the same
// whether the address belongs to a user or not, and the mail is sent in the background so the
// answer's timing does not tell either. Requests are limited per address and per e-mail (in
// PostgreSQL, so the limits hold across processes).
import { appendLedger } from '../../adapters/db/ledger.js';
import { deleteUnusedPasswordResets, insertPasswordReset } from '../../adapters/db/password-resets.js';
import { hitRateLimit } from '../../adapters/db/rate-limits.js';
import { findUserByEmail } from '../../adapters/db/users.js';
import { newSecret, secretDigest } from '../../domain/auth/secrets.js';
import { DomainError } from '../../domain/errors.js';
import type { AppContext } from '../context.js';
import { dispatchMail, queueMail } from '../mail/send-mail.js';
import { retryAfterSeconds } from './reauthenticate.js';

export const resetLimits = {
  perEmail: { max: 3, windowMs: 60 * 60_000 },
  perAddress: { max: 20, windowMs: 60 * 60_000 },
};
export const RESET_VALID_MINUTES = 60;

/**
 * The link the mail carries. The secret sits in the fragment: browsers never send a fragment to
 * the server, so it cannot land in access logs or proxies; the page posts it to /confirm.
 */
export function resetLink(publicUrl: string, secret: string): string {
  return `${publicUrl}/reinitialiser#token=${secret}`;
}

async function limit(ctx: Pick<AppContext, 'db'>, key: string, rule: { max: number; windowMs: number }, now: Date): Promise<void> {
  const state = await hitRateLimit(ctx.db, key, rule.windowMs, now);
  if (state.count > rule.max) {
    const seconds = retryAfterSeconds(state.resetAt, now);
    throw new DomainError('rate_limited', { params: { seconds }, retryAfterSeconds: seconds });
  }
}

export async function requestPasswordReset(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config' | 'mailer' | 'log'>,
  input: { email: string; address: string },
): Promise<void> {
  const now = ctx.clock.now();
  const email = input.email.trim().toLowerCase();
  await limit(ctx, `reset:address:${input.address}`, resetLimits.perAddress, now);
  await limit(ctx, `reset:email:${secretDigest(email)}`, resetLimits.perEmail, now);

  const user = await findUserByEmail(ctx.db, email);
  if (!user || user.status !== 'active') return;

  const secret = newSecret(32);
  const resetUrl = resetLink(ctx.config.publicUrl, secret);
  const mail = await ctx.db.transaction().execute(async (tx) => {
    // Only the newest link works: asking again voids the previous one.
    await deleteUnusedPasswordResets(tx, user.id);
    await insertPasswordReset(tx, {
      tokenHash: secretDigest(secret),
      userId: user.id,
      at: now,
      expiresAt: new Date(now.getTime() + RESET_VALID_MINUTES * 60_000),
    });
    await appendLedger(tx, {
      action: 'password.reset_requested',
      at: now,
      actorId: null,
      organisationId: user.organisation_id,
      subject: { type: 'user', id: user.id },
      data: { validMinutes: RESET_VALID_MINUTES },
    });
    return queueMail(
      tx,
      ctx,
      {
        to: { userId: user.id },
        template: 'password_reset',
        params: { validMinutes: RESET_VALID_MINUTES },
        organisationId: user.organisation_id,
        actorId: null,
      },
      { resetUrl },
    );
  });
  dispatchMail(ctx, mail.id, { resetUrl });
}
