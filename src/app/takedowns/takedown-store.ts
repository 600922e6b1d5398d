// What the removal-request use cases share: loading a request with its case (access checked:
// not visible = not found), the evidence each location cites, the consent state, text
// generation in both languages, closing the procedure's steps, and the request's JSON.
import type { Selectable } from 'kysely';
import type { z } from 'zod';
import type { Queryable, Tx } from '../../adapters/db/database.js';
import { latestConsents } from '../../adapters/db/cases.js';
import { appendLedger } from '../../adapters/db/ledger.js';
import type { TakedownRequestsTable } from '../../adapters/db/schema-takedowns.js';
import {
  findTakedownRequest,
  listArtefactsOf,
  listFollowups,
  listMandates,
  listRequestLocations,
  lockTakedownRequest,
  sealedEvidenceFor,
} from '../../adapters/db/takedowns.js';
import { listCaseTasks, updateTask } from '../../adapters/db/tasks.js';
import type { takedownSchema, takedownWarningSchema } from '../../contract/takedowns.js';
import { DomainError } from '../../domain/errors.js';
import {
  channelFor,
  type Ground,
  isStale,
  type ProviderChannel,
  type ProviderEntry,
  providerKind,
} from '../../domain/takedowns/directory.js';
import { type CitedEvidence, type CitedLocation, generateRequestText } from '../../domain/takedowns/request-text.js';
import { canActOnTakedowns, canFileTakedowns, nextTakedownStatuses, type TakedownStatus } from '../../domain/takedowns/status.js';
import { type Locale, t } from '../../locales/index.js';
import type { Principal } from '../auth/principal.js';
import { type LoadedCase, loadCase, loadCaseForUpdate } from '../cases/load-case.js';
import type { CaseRow } from '../cases/procedure.js';
import { findProvider, isoDay, lastReviewedOf } from './directory-store.js';

export type RequestRow = Selectable<TakedownRequestsTable>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A request and its case, as the caller may see it (404 otherwise). */
export async function loadRequest(
  db: Queryable,
  actor: Principal,
  requestId: string,
  now: Date,
  logAction?: string,
): Promise<{ request: RequestRow; loaded: LoadedCase }> {
  if (!UUID.test(requestId)) throw new DomainError('not_found');
  const request = await findTakedownRequest(db, requestId);
  if (!request) throw new DomainError('not_found');
  const loaded = await loadCase(db, actor, request.case_id, now, logAction);
  return { request, loaded };
}

/** Same, locking the case then the request for the rest of the transaction. */
export async function loadRequestForUpdate(
  tx: Tx,
  actor: Principal,
  requestId: string,
  now: Date,
): Promise<{ request: RequestRow; loaded: LoadedCase }> {
  if (!UUID.test(requestId)) throw new DomainError('not_found');
  const peek = await findTakedownRequest(tx, requestId);
  if (!peek) throw new DomainError('not_found');
  const loaded = await loadCaseForUpdate(tx, actor, peek.case_id, now);
  const request = await lockTakedownRequest(tx, requestId);
  if (!request) throw new DomainError('not_found');
  return { request, loaded };
}

export async function takedownConsent(db: Queryable, caseId: string): Promise<{ active: boolean; recordedAt: Date | null }> {
  const c = (await latestConsents(db, caseId)).find((x) => x.purpose === 'takedown');
  return { active: c?.granted === true, recordedAt: c?.recorded_at ?? null };
}

export interface RequestLocation {
  id: string;
  url: string;
  host: string;
  providerId: string | null;
  status: 'online' | 'removed' | 'unknown';
  lastCheckedAt: Date | null;
  evidence: Array<
    CitedEvidence & { artefacts: Array<{ id: string; kind: string; filename: string; sha256: string; mediaType: string; size: number }> }
  >;
}

/** Locations with the sealed evidence each cites (thumbnails are not evidence of their own). */
export async function citedLocations(
  db: Queryable,
  caseId: string,
  locations: ReadonlyArray<{
    id: string;
    url: string;
    host: string;
    provider_id: string | null;
    status: 'online' | 'removed' | 'unknown';
    last_checked_at: Date | null;
  }>,
): Promise<RequestLocation[]> {
  const evidence = await sealedEvidenceFor(db, caseId, locations);
  const artefacts = await listArtefactsOf(
    db,
    evidence.map((e) => e.id),
  );
  return locations.map((loc) => ({
    id: loc.id,
    url: loc.url,
    host: loc.host,
    providerId: loc.provider_id,
    status: loc.status,
    lastCheckedAt: loc.last_checked_at,
    evidence: evidence
      .filter((e) => e.location_id === loc.id || (e.location_id === null && e.source_url === loc.url))
      .map((e) => ({
        evidenceId: e.id,
        capturedAt: e.captured_at ?? e.sealed_at ?? e.created_at,
        manifestSha256: e.manifest_sha256 ?? '',
        artefacts: artefacts
          .filter((a) => a.evidence_id === e.id && a.kind !== 'thumbnail')
          .map((a) => ({ id: a.id, kind: a.kind, filename: a.filename, sha256: a.sha256, mediaType: a.media_type, size: Number(a.size) })),
      })),
  }));
}

export async function requestLocations(db: Queryable, request: Pick<RequestRow, 'id' | 'case_id'>): Promise<RequestLocation[]> {
  const rows = await listRequestLocations(db, [request.id]);
  return citedLocations(db, request.case_id, rows);
}

/** A directory channel named by its URL, or the provider's channel for the ground. */
export function resolveChannel(
  provider: ProviderEntry,
  ground: Ground,
  given: string | null | undefined,
): { channel: string | null; method: string | null; entry: ProviderChannel | undefined } {
  if (given) {
    const entry = provider.channels.find((c) => c.url === given);
    return { channel: given, method: entry?.method ?? null, entry };
  }
  const entry = channelFor(provider, ground);
  return { channel: entry?.url ?? null, method: entry?.method ?? null, entry };
}

export interface TextContext {
  caseRow: CaseRow;
  provider: ProviderEntry;
  channel: ProviderChannel | undefined;
  ground: Ground;
  filer: 'board' | 'staff_member';
  senderId: string | null;
  locations: readonly RequestLocation[];
}

/** The request's texts in French and English. */
export async function generateTexts(db: Queryable, c: TextContext): Promise<{ fr: string; en: string }> {
  const [person, org, sender] = await Promise.all([
    db.selectFrom('persons').select(['full_name', 'job_title']).where('id', '=', c.caseRow.affected_person_id).executeTakeFirstOrThrow(),
    db.selectFrom('organisations').select(['name', 'time_zone']).where('id', '=', c.caseRow.organisation_id).executeTakeFirstOrThrow(),
    c.senderId ? db.selectFrom('users').select('display_name').where('id', '=', c.senderId).executeTakeFirst() : Promise.resolve(undefined),
  ]);
  const domain = c.locations.map((l) => l.host).find((h) => h.length > 0) ?? null;
  const cited: CitedLocation[] = c.locations.map((l) => ({ url: l.url, evidence: l.evidence }));
  const input = {
    provider: { id: c.provider.id, name: c.provider.name, kind: providerKind(c.provider.id) },
    channel: c.channel,
    ground: c.ground,
    filer: c.filer,
    person: { fullName: person.full_name, jobTitle: person.job_title || null },
    organisation: { name: org.name, timeZone: org.time_zone },
    sender: { name: sender?.display_name ?? org.name },
    caseReference: c.caseRow.reference,
    domain,
    locations: cited,
  };
  const tr = (locale: Locale) => (key: string, params?: Record<string, string | number>) => t(locale, key, params);
  return { fr: generateRequestText(input, 'fr-CA', tr('fr-CA')), en: generateRequestText(input, 'en', tr('en')) };
}

/** The text to send: a person's edit, or the generated text of the chosen language. */
export function effectiveText(r: Pick<RequestRow, 'text_edited' | 'text_locale' | 'text_fr' | 'text_en'>): string {
  return r.text_edited ?? (r.text_locale === 'en' ? r.text_en : r.text_fr);
}

/**
 * Completes, as the system, a per-location step (4.3.2 on submission, 4.3.3 on removal) for the
 * request's locations, with the request in the ledger entry.
 */
export async function completeLocationSteps(
  tx: Tx,
  row: CaseRow,
  input: { stepKey: string; locationIds: readonly string[]; requestId: string; actorId: string; now: Date },
): Promise<number> {
  const ids = new Set(input.locationIds);
  let done = 0;
  for (const task of await listCaseTasks(tx, row.id)) {
    if (task.step_key !== input.stepKey || !task.location_id || !ids.has(task.location_id)) continue;
    if (task.status !== 'open' && task.status !== 'pending') continue;
    await updateTask(tx, task.id, {
      status: 'done',
      completed_at: input.now,
      completed_by: input.actorId,
      completion_source: 'system',
      next_check_at: null,
      updated_at: input.now,
    });
    await appendLedger(tx, {
      action: 'task.done',
      at: input.now,
      actorId: input.actorId,
      organisationId: row.organisation_id,
      caseId: row.id,
      subject: { type: 'task', id: task.id },
      data: { stepKey: input.stepKey, by: 'system', takedownRequestId: input.requestId, locationId: task.location_id },
    });
    done += 1;
  }
  return done;
}

type TakedownJson = z.infer<typeof takedownSchema>;
type Warning = z.infer<typeof takedownWarningSchema>;

function warning(
  locale: Locale,
  code: Warning['code'],
  locationId: string | null = null,
  params?: Record<string, string | number>,
): Warning {
  return { code, message: t(locale, `takedown.warning.${code}`, params), locationId };
}

export async function presentRequest(
  db: Queryable,
  input: { request: RequestRow; loaded: LoadedCase; locale: Locale; now: Date; locations?: RequestLocation[] },
): Promise<TakedownJson> {
  const { request: r, loaded, locale, now } = input;
  const [locations, consent, followups, mandates, provider] = await Promise.all([
    input.locations ? Promise.resolve(input.locations) : requestLocations(db, r),
    takedownConsent(db, r.case_id),
    listFollowups(db, r.id),
    listMandates(db, r.id),
    findProvider(db, r.provider_id),
  ]);
  const userIds = [r.created_by, r.submitted_by].filter((x): x is string => x !== null);
  const users = userIds.length > 0 ? await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', userIds).execute() : [];
  const name = (id: string | null) => (id ? (users.find((u) => u.id === id)?.display_name ?? null) : null);
  const status = r.status as TakedownStatus;
  const entry = provider?.entry;
  const channelEntry = entry?.channels.find((c) => c.url === r.channel);

  const warnings: Warning[] = [];
  if (status === 'draft') {
    if (!consent.active) warnings.push(warning(locale, 'consent_missing'));
    for (const l of locations) if (l.evidence.length === 0) warnings.push(warning(locale, 'evidence_missing', l.id, { url: l.url }));
    if (
      channelEntry &&
      r.filer === 'board' &&
      !channelEntry.whoMayFile.includes('representative') &&
      !channelEntry.whoMayFile.includes('anyone')
    ) {
      warnings.push(warning(locale, 'victim_only', null, { provider: entry?.name ?? r.provider_id }));
    }
    if (
      channelEntry &&
      r.filer === 'board' &&
      channelEntry.whoMayFile.includes('representative') &&
      !channelEntry.whoMayFile.includes('anyone') &&
      mandates.length === 0
    ) {
      warnings.push(warning(locale, 'mandate_missing'));
    }
    if (channelEntry && !channelEntry.verified) warnings.push(warning(locale, 'channel_unverified'));
    if (provider && isStale(lastReviewedOf(provider.row), isoDay(now))) warnings.push(warning(locale, 'directory_stale'));
  }
  for (const l of locations) {
    if (l.providerId && l.providerId !== r.provider_id) warnings.push(warning(locale, 'provider_mismatch', l.id, { url: l.url }));
  }
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    id: r.id,
    caseId: r.case_id,
    caseReference: loaded.row.reference,
    providerId: r.provider_id,
    providerName: entry?.name ?? r.provider_id,
    ground: r.ground,
    status,
    channel: r.channel,
    channelMethod: r.channel_method,
    filer: r.filer,
    texts: { 'fr-CA': r.text_fr, en: r.text_en },
    text: r.sent_text ?? effectiveText(r),
    textEdited: r.text_edited !== null,
    textLocale: r.text_locale,
    generatedAt: r.generated_at.toISOString(),
    sentText: r.sent_text,
    referenceNumber: r.reference_number,
    submittedAt: iso(r.submitted_at),
    submittedByName: name(r.submitted_by),
    acknowledgedAt: iso(r.acknowledged_at),
    closedAt: iso(r.closed_at),
    removalBasis: r.removal_basis,
    confirmationNote: r.confirmation_note,
    overrideReason: r.override_reason,
    nextReminderAt: iso(r.next_reminder_at),
    reminderCount: r.reminder_count,
    createdAt: r.created_at.toISOString(),
    createdByName: name(r.created_by),
    updatedAt: r.updated_at.toISOString(),
    version: r.version,
    locations: locations.map((l) => ({
      id: l.id,
      url: l.url,
      host: l.host,
      providerId: l.providerId,
      status: l.status,
      lastCheckedAt: iso(l.lastCheckedAt),
      evidence: l.evidence.map((e) => ({
        evidenceId: e.evidenceId,
        capturedAt: e.capturedAt.toISOString(),
        manifestSha256: e.manifestSha256,
        artefacts: e.artefacts,
      })),
    })),
    consent: { active: consent.active, recordedAt: iso(consent.recordedAt) },
    warnings,
    followups: followups.map((f) => ({
      id: f.id,
      kind: f.kind,
      note: f.note,
      statusFrom: f.status_from,
      statusTo: f.status_to,
      at: f.at.toISOString(),
      byUserId: f.by,
      byName: f.by_name,
    })),
    mandates: mandates.map((m) => ({
      id: m.id,
      sha256: m.sha256,
      size: Number(m.size),
      mediaType: m.media_type,
      filename: m.filename,
      uploadedAt: m.uploaded_at.toISOString(),
      uploadedByName: m.uploaded_by_name,
    })),
    nextStatuses: canActOnTakedowns(loaded.access) ? nextTakedownStatuses(status) : [],
    viewer: { canAct: canActOnTakedowns(loaded.access), canFile: canFileTakedowns(loaded.access) },
  };
}

/** The channel entry of a provider used by a request (for the package's steps). */
export function channelEntryOf(provider: ProviderEntry, request: Pick<RequestRow, 'channel' | 'ground'>): ProviderChannel | undefined {
  return provider.channels.find((c) => c.url === request.channel) ?? (request.channel ? undefined : channelFor(provider, request.ground));
}
