// Watches are reached through their case (load-case.ts): not visible = 404; visible but not IT,
// the supervisor or general direction = 403 (domain/watches/watch-rules.ts).
import type { Queryable, Tx } from '../../adapters/db/database.js';
import { findWatch, findWatchResult, lockWatch, lockWatchResult } from '../../adapters/db/watches.js';
import { DomainError } from '../../domain/errors.js';
import { canManageWatches } from '../../domain/watches/watch-rules.js';
import type { Principal } from '../auth/principal.js';
import { isUuid } from '../evidence/evidence-access.js';
import { type LoadedCase, loadCase, loadCaseForUpdate } from '../cases/load-case.js';

function mustManage(loaded: LoadedCase): LoadedCase {
  if (!canManageWatches(loaded.access)) throw new DomainError('forbidden', { messageKey: 'watch.error.role' });
  return loaded;
}

export async function loadWatchCase(db: Queryable, actor: Principal, caseId: string, now: Date, logAction?: string): Promise<LoadedCase> {
  return mustManage(await loadCase(db, actor, caseId, now, logAction));
}

export async function loadWatchCaseForUpdate(tx: Tx, actor: Principal, caseId: string, now: Date): Promise<LoadedCase> {
  return mustManage(await loadCaseForUpdate(tx, actor, caseId, now));
}

/** A watch of a case the caller manages watches of, locked for the transaction. */
export async function loadWatchForUpdate(tx: Tx, actor: Principal, watchId: string, now: Date) {
  if (!isUuid(watchId)) throw new DomainError('not_found');
  const peek = await findWatch(tx, watchId);
  if (!peek) throw new DomainError('not_found');
  const loaded = await loadWatchCaseForUpdate(tx, actor, peek.case_id, now);
  const watch = await lockWatch(tx, watchId);
  if (!watch) throw new DomainError('not_found');
  return { loaded, watch };
}

export async function loadWatchResultForUpdate(tx: Tx, actor: Principal, resultId: string, now: Date) {
  if (!isUuid(resultId)) throw new DomainError('not_found');
  const peek = await findWatchResult(tx, resultId);
  if (!peek) throw new DomainError('not_found');
  const loaded = await loadWatchCaseForUpdate(tx, actor, peek.case_id, now);
  const result = await lockWatchResult(tx, resultId);
  if (!result) throw new DomainError('not_found');
  return { loaded, result };
}

export function refuseClosed(loaded: LoadedCase): void {
  if (loaded.row.status === 'closed') throw new DomainError('invalid_transition', { messageKey: 'case.error.closed' });
}
