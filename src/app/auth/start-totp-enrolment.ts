// POST /me/totp: starts enrolling a second factor. The new secret is kept pending
// (users.totp_secret with totp_enabled_at null) until a code from the app confirms it; login
// ignores a pending secret. Starting again replaces the pending secret.
import QRCode from 'qrcode';
import { appendLedger } from '../../adapters/db/ledger.js';
import { setPendingTotpSecret } from '../../adapters/db/user-credentials.js';
import { newTotpSecret, totpFor } from '../../domain/auth/totp.js';
import { DomainError } from '../../domain/errors.js';
import type { AppContext } from '../context.js';
import { assertSession, type Principal } from './principal.js';

export const TOTP_ISSUER = 'Rempart';

export interface TotpEnrolment {
  secret: string;
  otpauthUrl: string;
  qrSvg: string;
}

export async function startTotpEnrolment(ctx: Pick<AppContext, 'db' | 'clock'>, input: { actor: Principal }): Promise<TotpEnrolment> {
  const { actor } = input;
  assertSession(actor);
  const secret = newTotpSecret();
  const otpauthUrl = totpFor(secret, actor.email, TOTP_ISSUER).toString();
  const qrSvg = await QRCode.toString(otpauthUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    if (!(await setPendingTotpSecret(tx, actor.userId, secret))) {
      throw new DomainError('invalid_transition', { messageKey: 'error.totp_already_enabled' });
    }
    await appendLedger(tx, {
      action: 'totp.enrolment_started',
      at: now,
      actorId: actor.userId,
      organisationId: actor.organisationId,
      subject: { type: 'user', id: actor.userId },
      data: {},
    });
  });
  return { secret, otpauthUrl, qrSvg };
}
