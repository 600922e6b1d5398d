// DELETE /me/sessions/{id}: signs one of the caller's sessions out (a lost phone, a shared
// computer). Revoking the current session is a logout.
import { appendLedger } from '../../adapters/db/ledger.js';
import { revokeUserSessionByPublicId } from '../../adapters/db/sessions.js';
import { PUBLIC_SESSION_ID, publicSessionId } from '../../domain/auth/secrets.js';
import { DomainError } from '../../domain/errors.js';
import type { AppContext } from '../context.js';
import type { Principal } from './principal.js';

export async function revokeOwnSession(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  input: { actor: Principal; sessionId: string },
): Promise<{ current: boolean }> {
  const { actor } = input;
  if (!PUBLIC_SESSION_ID.test(input.sessionId)) throw new DomainError('not_found');
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (tx) => {
    const revoked = await revokeUserSessionByPublicId(tx, actor.userId, input.sessionId, now);
    if (!revoked) throw new DomainError('not_found');
    await appendLedger(tx, {
      action: 'session.revoked',
      at: now,
      actorId: actor.userId,
      organisationId: actor.organisationId,
      subject: { type: 'user', id: actor.userId },
      data: { session: publicSessionId(revoked) },
    });
    return { current: revoked === actor.sessionId };
  });
}
