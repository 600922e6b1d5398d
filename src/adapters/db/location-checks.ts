// Queries of removal re-checks: due locations of open cases, each check, the location's status.
import { sql } from 'kysely';
import type { Queryable } from './database.js';
import type { CheckOutcome, StoredCheckEvidence } from './schema-watches.js';

export async function findLocation(db: Queryable, id: string) {
  return db.selectFrom('locations').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function lockLocation(db: Queryable, id: string) {
  return db.selectFrom('locations').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/**
 * Claims due locations of open cases (never closed ones): a location never checked is due at
 * once. Their next check moves `leaseUntil` ahead while this worker fetches them.
 */
export async function claimDueLocations(db: Queryable, now: Date, leaseUntil: Date, limit: number): Promise<string[]> {
  const rows = await sql<{ id: string }>`
    update locations set next_check_at = ${leaseUntil}
    where id in (
      select l.id from locations l join cases c on c.id = l.case_id
      where c.status <> 'closed' and (l.next_check_at is null or l.next_check_at <= ${now})
      order by l.next_check_at nulls first, l.created_at
      limit ${limit}
      for update of l skip locked
    )
    returning id`.execute(db);
  return rows.rows.map((r) => r.id);
}

export async function insertLocationCheck(
  db: Queryable,
  c: {
    locationId: string;
    caseId: string;
    at: Date;
    trigger: 'schedule' | 'manual';
    requestedBy: string | null;
    outcome: CheckOutcome;
    httpStatus: number | null;
    finalUrl: string | null;
    reason: string;
    evidence: StoredCheckEvidence;
    nextCheckAt: Date | null;
  },
) {
  return db
    .insertInto('location_checks')
    .values({
      location_id: c.locationId,
      case_id: c.caseId,
      at: c.at,
      trigger: c.trigger,
      requested_by: c.requestedBy,
      outcome: c.outcome,
      http_status: c.httpStatus,
      final_url: c.finalUrl,
      reason: c.reason,
      evidence: JSON.stringify(c.evidence),
      next_check_at: c.nextCheckAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function setLocationCheckState(
  db: Queryable,
  id: string,
  set: { status: CheckOutcome; lastCheckedAt: Date; nextCheckAt: Date | null; backoff: number },
): Promise<void> {
  await db
    .updateTable('locations')
    .set({ status: set.status, last_checked_at: set.lastCheckedAt, next_check_at: set.nextCheckAt, check_backoff: set.backoff })
    .where('id', '=', id)
    .execute();
}

export async function setLocationNextCheck(db: Queryable, id: string, at: Date | null): Promise<void> {
  await db.updateTable('locations').set({ next_check_at: at }).where('id', '=', id).execute();
}

export async function listLocationChecks(db: Queryable, locationId: string, limit: number) {
  return db.selectFrom('location_checks').selectAll().where('location_id', '=', locationId).orderBy('seq', 'desc').limit(limit).execute();
}

export async function latestLocationCheck(db: Queryable, locationId: string) {
  return db
    .selectFrom('location_checks')
    .selectAll()
    .where('location_id', '=', locationId)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The HTML artefact of the location's latest sealed capture (by location, else by its URL). */
export async function latestCapturedHtml(db: Queryable, location: { id: string; case_id: string; url: string }) {
  return db
    .selectFrom('artefacts')
    .innerJoin('evidence', 'evidence.id', 'artefacts.evidence_id')
    .select(['artefacts.sha256', 'evidence.id as evidenceId', 'evidence.sealed_at'])
    .where('evidence.case_id', '=', location.case_id)
    .where('evidence.status', '=', 'sealed')
    .where('artefacts.kind', '=', 'html')
    .where((eb) => eb.or([eb('evidence.location_id', '=', location.id), eb('evidence.source_url', '=', location.url)]))
    .orderBy('evidence.sealed_at', 'desc')
    .orderBy('artefacts.ordinal')
    .limit(1)
    .executeTakeFirst();
}
