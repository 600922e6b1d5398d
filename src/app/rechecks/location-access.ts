// Locations are reached through their case (load-case.ts): not visible = 404. Reading checks is
// open to whoever sees the case (the location's status is on the case page); asking for a
// re-check is for those who manage watches and removals (IT, supervisor, general direction).
import type { Queryable } from '../../adapters/db/database.js';
import { findLocation } from '../../adapters/db/location-checks.js';
import { DomainError } from '../../domain/errors.js';
import { canManageWatches } from '../../domain/watches/watch-rules.js';
import type { Principal } from '../auth/principal.js';
import { isUuid } from '../evidence/evidence-access.js';
import { type LoadedCase, loadCase } from '../cases/load-case.js';

export async function loadLocation(
  db: Queryable,
  actor: Principal,
  locationId: string,
  now: Date,
  options: { manage: boolean; logAction?: string },
) {
  if (!isUuid(locationId)) throw new DomainError('not_found');
  const location = await findLocation(db, locationId);
  if (!location) throw new DomainError('not_found');
  const loaded: LoadedCase = await loadCase(db, actor, location.case_id, now, options.logAction);
  if (options.manage && !canManageWatches(loaded.access)) throw new DomainError('forbidden', { messageKey: 'recheck.error.role' });
  return { location, loaded };
}
