// Queries on removal requests, their locations, follow-ups and mandates, abuse-contact lookups,
// account-recovery checklists and the organisation's reminder delay.
import type { Insertable, Updateable } from 'kysely';
import type { Queryable } from './database.js';
import type { TakedownFollowupsTable, TakedownRequestsTable } from './schema-takedowns.js';

export async function insertTakedownRequest(db: Queryable, row: Insertable<TakedownRequestsTable>) {
  return db.insertInto('takedown_requests').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findTakedownRequest(db: Queryable, id: string) {
  return db.selectFrom('takedown_requests').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function lockTakedownRequest(db: Queryable, id: string) {
  return db.selectFrom('takedown_requests').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function updateTakedownRequest(db: Queryable, id: string, set: Updateable<TakedownRequestsTable>) {
  return db
    .updateTable('takedown_requests')
    .set((eb) => ({ ...set, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listCaseTakedownRequests(db: Queryable, caseId: string) {
  return db.selectFrom('takedown_requests').selectAll().where('case_id', '=', caseId).orderBy('created_at').orderBy('id').execute();
}

export async function insertRequestLocations(db: Queryable, requestId: string, locationIds: readonly string[]): Promise<void> {
  if (locationIds.length === 0) return;
  await db
    .insertInto('takedown_request_locations')
    .values(locationIds.map((locationId, position) => ({ request_id: requestId, location_id: locationId, position })))
    .execute();
}

/** The locations of some requests, in the order they were given. */
export async function listRequestLocations(db: Queryable, requestIds: readonly string[]) {
  if (requestIds.length === 0) return [];
  return db
    .selectFrom('takedown_request_locations')
    .innerJoin('locations', 'locations.id', 'takedown_request_locations.location_id')
    .select([
      'takedown_request_locations.request_id',
      'takedown_request_locations.position',
      'locations.id',
      'locations.url',
      'locations.host',
      'locations.provider_id',
      'locations.status',
      'locations.last_checked_at',
    ])
    .where('takedown_request_locations.request_id', 'in', requestIds)
    .orderBy('takedown_request_locations.request_id')
    .orderBy('takedown_request_locations.position')
    .execute();
}

export async function findCaseLocations(db: Queryable, caseId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('locations').selectAll().where('case_id', '=', caseId).where('id', 'in', ids).execute();
}

/**
 * Sealed evidence of locations: evidence tied to the location, or (captures made before the
 * location was recorded) evidence of the case whose source URL is the location's URL.
 */
export async function sealedEvidenceFor(db: Queryable, caseId: string, locations: ReadonlyArray<{ id: string; url: string }>) {
  if (locations.length === 0) return [];
  const ids = locations.map((l) => l.id);
  const urls = locations.map((l) => l.url);
  return db
    .selectFrom('evidence')
    .select(['id', 'location_id', 'source_url', 'captured_at', 'sealed_at', 'manifest_sha256', 'created_at'])
    .where('case_id', '=', caseId)
    .where('status', '=', 'sealed')
    .where((eb) => eb.or([eb('location_id', 'in', ids), eb.and([eb('location_id', 'is', null), eb('source_url', 'in', urls)])]))
    .orderBy('captured_at')
    .orderBy('id')
    .execute();
}

export async function listArtefactsOf(db: Queryable, evidenceIds: readonly string[]) {
  if (evidenceIds.length === 0) return [];
  return db
    .selectFrom('artefacts')
    .select(['id', 'evidence_id', 'kind', 'media_type', 'size', 'sha256', 'filename', 'ordinal'])
    .where('evidence_id', 'in', evidenceIds)
    .orderBy('evidence_id')
    .orderBy('kind')
    .orderBy('ordinal')
    .execute();
}

export async function insertFollowup(db: Queryable, row: Insertable<TakedownFollowupsTable>) {
  return db.insertInto('takedown_followups').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function listFollowups(db: Queryable, requestId: string) {
  return db
    .selectFrom('takedown_followups')
    .leftJoin('users', 'users.id', 'takedown_followups.by')
    .select([
      'takedown_followups.id',
      'takedown_followups.kind',
      'takedown_followups.note',
      'takedown_followups.status_from',
      'takedown_followups.status_to',
      'takedown_followups.at',
      'takedown_followups.by',
      'users.display_name as by_name',
    ])
    .where('takedown_followups.request_id', '=', requestId)
    .orderBy('takedown_followups.at')
    .orderBy('takedown_followups.seq')
    .execute();
}

export async function reminderDaysOf(db: Queryable, organisationId: string): Promise<number> {
  const r = await db
    .selectFrom('takedown_settings')
    .select('reminder_days')
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  return r?.reminder_days ?? 7;
}

export async function upsertReminderDays(db: Queryable, organisationId: string, days: number, by: string, at: Date): Promise<void> {
  await db
    .insertInto('takedown_settings')
    .values({ organisation_id: organisationId, reminder_days: days, updated_by: by, updated_at: at })
    .onConflict((oc) => oc.column('organisation_id').doUpdateSet({ reminder_days: days, updated_by: by, updated_at: at }))
    .execute();
}

/** Requests whose reminder is due, locked so two workers never send the same one. */
export async function claimDueReminders(db: Queryable, now: Date, limit: number) {
  return db
    .selectFrom('takedown_requests')
    .selectAll()
    .where('next_reminder_at', '<=', now)
    .orderBy('next_reminder_at')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

export async function insertMandate(
  db: Queryable,
  row: { requestId: string; sha256: string; size: number; mediaType: string; filename: string; uploadedBy: string; at: Date },
) {
  return db
    .insertInto('takedown_mandates')
    .values({
      request_id: row.requestId,
      sha256: row.sha256,
      size: row.size,
      media_type: row.mediaType,
      filename: row.filename,
      uploaded_by: row.uploadedBy,
      uploaded_at: row.at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listMandates(db: Queryable, requestId: string) {
  return db
    .selectFrom('takedown_mandates')
    .leftJoin('users', 'users.id', 'takedown_mandates.uploaded_by')
    .select([
      'takedown_mandates.id',
      'takedown_mandates.sha256',
      'takedown_mandates.size',
      'takedown_mandates.media_type',
      'takedown_mandates.filename',
      'takedown_mandates.uploaded_at',
      'takedown_mandates.uploaded_by',
      'users.display_name as uploaded_by_name',
    ])
    .where('takedown_mandates.request_id', '=', requestId)
    .orderBy('takedown_mandates.uploaded_at')
    .execute();
}

export async function insertAbuseLookup(
  db: Queryable,
  row: { caseId: string; locationId: string; domain: string; result: Record<string, unknown>; by: string; at: Date },
) {
  return db
    .insertInto('abuse_contact_lookups')
    .values({
      case_id: row.caseId,
      location_id: row.locationId,
      domain: row.domain,
      result: JSON.stringify(row.result),
      looked_up_by: row.by,
      looked_up_at: row.at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function latestAbuseLookups(db: Queryable, locationIds: readonly string[]) {
  if (locationIds.length === 0) return [];
  return db
    .selectFrom('abuse_contact_lookups')
    .selectAll()
    .distinctOn('location_id')
    .where('location_id', 'in', locationIds)
    .orderBy('location_id')
    .orderBy('looked_up_at', 'desc')
    .execute();
}

export async function listRecoveryProviders(db: Queryable, caseId: string) {
  return db
    .selectFrom('account_recovery_providers')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('added_at')
    .orderBy('provider_id')
    .execute();
}

export async function addRecoveryProvider(
  db: Queryable,
  caseId: string,
  providerId: string,
  by: string | null,
  at: Date,
): Promise<boolean> {
  const r = await db
    .insertInto('account_recovery_providers')
    .values({ case_id: caseId, provider_id: providerId, added_by: by, added_at: at })
    .onConflict((oc) => oc.columns(['case_id', 'provider_id']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function listRecoveryChecks(db: Queryable, caseId: string) {
  return db
    .selectFrom('account_recovery_checks')
    .leftJoin('users', 'users.id', 'account_recovery_checks.by')
    .select([
      'account_recovery_checks.provider_id',
      'account_recovery_checks.step',
      'account_recovery_checks.done',
      'account_recovery_checks.note',
      'account_recovery_checks.at',
      'account_recovery_checks.by',
      'users.display_name as by_name',
    ])
    .where('account_recovery_checks.case_id', '=', caseId)
    .execute();
}

export async function upsertRecoveryCheck(
  db: Queryable,
  row: { caseId: string; providerId: string; step: string; done: boolean; note: string | null; by: string; at: Date },
): Promise<void> {
  await db
    .insertInto('account_recovery_checks')
    .values({ case_id: row.caseId, provider_id: row.providerId, step: row.step, done: row.done, note: row.note, by: row.by, at: row.at })
    .onConflict((oc) =>
      oc.columns(['case_id', 'provider_id', 'step']).doUpdateSet({ done: row.done, note: row.note, by: row.by, at: row.at }),
    )
    .execute();
}
