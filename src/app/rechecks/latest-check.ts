// The latest re-check of a location, for the removal-request workflow (a request moves to
// `removed` on a person's confirmation or on a re-check that found the content gone). No
// access check here: the caller has already loaded the location's case.
import type { Queryable } from '../../adapters/db/database.js';
import { latestLocationCheck } from '../../adapters/db/location-checks.js';
import type { CheckOutcome } from '../../domain/rechecks/classify.js';

export interface LatestCheck {
  checkId: string;
  at: Date;
  outcome: CheckOutcome;
  reason: string;
  httpStatus: number | null;
  bodySha256: string | null;
}

export async function latestCheck(db: Queryable, locationId: string): Promise<LatestCheck | undefined> {
  const row = await latestLocationCheck(db, locationId);
  if (!row) return undefined;
  return {
    checkId: row.id,
    at: row.at,
    outcome: row.outcome,
    reason: row.reason,
    httpStatus: row.http_status,
    bodySha256: row.evidence.bodySha256,
  };
}
