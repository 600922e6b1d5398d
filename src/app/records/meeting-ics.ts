// GET /records/{id}/ics: a meeting as a calendar file (RFC 5545, src/domain/records/ics.ts) in
// the reader's language — the case reference, the date, the place and a link; no case facts.
import { DateTime } from 'luxon';
import { organisationTimeZone } from '../../adapters/db/timeline.js';
import { DomainError } from '../../domain/errors.js';
import { meetingIcs } from '../../domain/records/ics.js';
import { type Locale, t } from '../../locales/index.js';
import type { Principal } from '../auth/principal.js';
import type { AppContext } from '../context.js';
import type { CaseRow } from '../cases/procedure.js';
import { caseUrl } from '../notifications/notify.js';
import type { Queryable } from '../../adapters/db/database.js';
import { type CaseRecordRow, loadRecord } from './load-record.js';

export interface MeetingFacts {
  start: Date;
  location: string | undefined;
}

export function meetingFacts(record: CaseRecordRow): MeetingFacts {
  if (record.type !== 'meeting') throw new DomainError('not_found');
  const start = new Date(String(record.data.occurredAt));
  if (Number.isNaN(start.getTime())) throw new DomainError('not_found');
  return { start, location: typeof record.data.location === 'string' ? record.data.location : undefined };
}

export function renderMeetingIcs(
  ctx: Pick<AppContext, 'config'>,
  row: CaseRow,
  record: CaseRecordRow,
  locale: Locale,
  stamp: Date,
): string {
  const facts = meetingFacts(record);
  return meetingIcs({
    uid: `${record.id}@${new URL(ctx.config.publicUrl).hostname}`,
    sequence: record.version - 1,
    stamp,
    start: facts.start,
    summary: t(locale, 'record.ics.summary', { reference: row.reference }),
    location: facts.location,
    url: caseUrl(ctx, row.id),
  });
}

export function icsFilename(locale: Locale, reference: string): string {
  return t(locale, 'record.ics.filename', { reference }).replace(/[^A-Za-z0-9._-]/g, '_');
}

/** Date and time of a meeting in the organisation's time zone, for the mail text. */
export async function localDateTime(db: Queryable, organisationId: string, at: Date): Promise<{ date: string; time: string }> {
  const zone = await organisationTimeZone(db, organisationId);
  const local = DateTime.fromJSDate(at, { zone });
  return { date: local.toFormat('yyyy-MM-dd'), time: local.toFormat('HH:mm') };
}

export async function getMeetingIcs(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  input: { actor: Principal; recordId: string; locale: Locale },
): Promise<{ filename: string; body: string }> {
  const now = ctx.clock.now();
  const { loaded, record } = await loadRecord(ctx.db, input.actor, input.recordId, now, 'record.ics');
  return { filename: icsFilename(input.locale, loaded.row.reference), body: renderMeetingIcs(ctx, loaded.row, record, input.locale, now) };
}
