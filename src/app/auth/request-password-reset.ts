// POST /auth/password-reset: mails a single-use link valid one hour. The answer is the same
// whether the address belongs to a user or not, and the mail is sent in the background so the
// answer's timing does not tell either. Requests are limited per address and per e-mail (in
// PostgreSQL, so the limits hold across processes).
import type { Tx } from '../../adapters/db/database.js';
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

/** Counts one request under `key`; beyond `rule.max` in the window, rate_limited with the wait. */
export async function limit(ctx: Pick<AppContext, 'db'>, key: string, rule: { max: number; windowMs: number }, now: Date): Promise<void> {
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

  const issued = await ctx.db.transaction().execute((tx) => issuePasswordReset(tx, ctx, user, null));
  dispatchMail(ctx, issued.mailId, { resetUrl: issued.resetUrl });
}

/**
 * A new single-use link for `user` (the previous unused ones are voided), its Ledger entry and
 * its mail, queued in `tx`; dispatch the mail with `resetUrl` after commit. `actorId`: the
 * administrator who sent it, or null when the person asked themselves.
 */
export async function issuePasswordReset(
  tx: Tx,
  ctx: Pick<AppContext, 'clock' | 'config'>,
  user: { id: string; organisation_id: string },
  actorId: string | null,
): Promise<{ mailId: string; resetUrl: string }> {
  const now = ctx.clock.now();
  const secret = newSecret(32);
  const resetUrl = resetLink(ctx.config.publicUrl, secret);
  // Only the newest link works: asking again voids the previous one.
  await deleteUnusedPasswordResets(tx, user.id);
  await insertPasswordReset(tx, {
    tokenHash: secretDigest(secret),
    userId: user.id,
    at: now,
    expiresAt: new Date(now.getTime() + RESET_VALID_MINUTES * 60_000),
  });
  await appendLedger(tx, {
    action: actorId ? 'password.reset_sent' : 'password.reset_requested',
    at: now,
    actorId,
    organisationId: user.organisation_id,
    subject: { type: 'user', id: user.id },
    data: { validMinutes: RESET_VALID_MINUTES },
  });
  const mail = await queueMail(
    tx,
    ctx,
    {
      to: { userId: user.id },
      template: 'password_reset',
      params: { validMinutes: RESET_VALID_MINUTES },
      organisationId: user.organisation_id,
      actorId,
    },
    { resetUrl },
  );
  return { mailId: mail.id, resetUrl };
}
