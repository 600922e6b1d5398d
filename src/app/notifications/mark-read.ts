// POST /notifications/read {ids} | {all: true}: marks the caller's own notifications read
// (ids of someone else's are ignored). One Ledger entry per call that changed something (the
// count, no ids of cases: a read mark says nothing about a case).
import type { z } from 'zod';
import { markNotificationsRead } from '../../adapters/db/notifications.js';
import { appendLedger } from '../../adapters/db/ledger.js';
import type { markReadBody } from '../../contract/notifications.js';
import type { Principal } from '../auth/principal.js';
import type { AppContext } from '../context.js';

export async function markNotificationsReadFor(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  input: { actor: Principal; body: z.infer<typeof markReadBody> },
): Promise<{ updated: number }> {
  const now = ctx.clock.now();
  const which = input.body.ids ? { ids: input.body.ids } : { all: true as const };
  return ctx.db.transaction().execute(async (tx) => {
    const updated = await markNotificationsRead(tx, input.actor.userId, which, now);
    if (updated > 0) {
      await appendLedger(tx, {
        action: 'notifications.read',
        at: now,
        actorId: input.actor.userId,
        organisationId: input.actor.organisationId,
        subject: { type: 'user', id: input.actor.userId },
        data: { count: updated, all: 'all' in which },
      });
    }
    return { updated };
  });
}
