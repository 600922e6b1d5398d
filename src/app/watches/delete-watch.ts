// DELETE /watches/{id}: the watch and its runs go; the results it found stay in the inbox (their
// watch becomes null), since they may already be locations or evidence.
import { appendLedger } from '../../adapters/db/ledger.js';
import { deleteWatchRow } from '../../adapters/db/watches.js';
import type { Principal } from '../auth/principal.js';
import type { AppContext } from '../context.js';
import { loadWatchForUpdate } from './watch-access.js';

export async function deleteWatch(ctx: Pick<AppContext, 'db' | 'clock'>, input: { actor: Principal; watchId: string }): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    const { loaded, watch } = await loadWatchForUpdate(tx, input.actor, input.watchId, now);
    await deleteWatchRow(tx, watch.id);
    await appendLedger(tx, {
      action: 'watch.deleted',
      at: now,
      actorId: input.actor.userId,
      organisationId: loaded.row.organisation_id,
      caseId: loaded.row.id,
      subject: { type: 'watch', id: watch.id },
      data: {},
    });
  });
}
