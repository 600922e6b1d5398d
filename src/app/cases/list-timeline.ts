// GET /cases/{id}/timeline: what happened on the case, in time order, as sentences in the
// reader's language — the case's Ledger entries (ledger_entries.case_id), the dated records
// (a meeting at the time it was held, a police report on the day it was filed) and, on
// reminders and escalations, who was notified (notifications). Someone else's private note
// leaves no trace, and records the reader may not see (seesRecord) are left out with their
// entries. Reading the timeline is logged (action timeline.view) for anyone but the affected
// person.
import { DateTime } from 'luxon';
import type { z } from 'zod';
import { listCaseRecords } from '../../adapters/db/records.js';
import { caseLedgerEntries, caseTaskNotifications, organisationTimeZone } from '../../adapters/db/timeline.js';
import type { timelineEntrySchema, timelineResponse } from '../../contract/timeline.js';
import { eventTimeOf, seesRecord } from '../../domain/records/rules.js';
import type { Locale } from '../../locales/index.js';
import type { Principal } from '../auth/principal.js';
import type { AppContext } from '../context.js';
import { recordFacts } from '../records/load-record.js';
import { loadCase } from './load-case.js';
import { userNames } from './present.js';
import { describeLedgerEntry, describeRecordEvent } from './timeline-text.js';

type Entry = z.infer<typeof timelineEntrySchema>;

/** At most this many Ledger entries per answer (the newest); `truncated` says when more exist. */
export const TIMELINE_LEDGER_LIMIT = 2000;
// A notification is written a moment after the Ledger entry of the same reminder.
const NOTIFICATION_MATCH_MS = 5_000;

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function eventInstant(value: string, timeZone: string): Date | undefined {
  // A date without a time (police report) is placed at noon, local time, on that day.
  const at = /^\d{4}-\d{2}-\d{2}$/.test(value) ? DateTime.fromISO(`${value}T12:00`, { zone: timeZone }).toJSDate() : new Date(value);
  return Number.isNaN(at.getTime()) ? undefined : at;
}

export async function listTimeline(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  input: { actor: Principal; caseId: string; locale: Locale },
): Promise<z.infer<typeof timelineResponse>> {
  const { actor, locale } = input;
  const { row, access } = await loadCase(ctx.db, actor, input.caseId, ctx.clock.now(), 'timeline.view');
  const [{ entries, truncated }, records, notices, timeZone] = await Promise.all([
    caseLedgerEntries(ctx.db, row.id, TIMELINE_LEDGER_LIMIT),
    listCaseRecords(ctx.db, row.id),
    caseTaskNotifications(ctx.db, row.id),
    organisationTimeZone(ctx.db, row.organisation_id),
  ]);
  const recordById = new Map(records.map((r) => [r.id, r]));
  const visible = records.filter((r) => seesRecord(access, actor.userId, recordFacts(r)));
  const visibleIds = new Set(visible.map((r) => r.id));

  const ledger = entries.map((e) => {
    const body = e.body as { actorId?: unknown; subject?: { type?: unknown; id?: unknown } | null; data?: unknown };
    const data = body.data && typeof body.data === 'object' ? (body.data as Record<string, unknown>) : {};
    return {
      seq: Number(e.seq),
      at: e.at,
      action: e.action,
      actorId: str(body.actorId),
      subjectType: str(body.subject?.type),
      subjectId: str(body.subject?.id),
      data,
    };
  });
  // Records the reader may not see take their Ledger entries with them.
  const shown = ledger.filter(
    (e) => !(e.subjectType === 'record' && e.subjectId && recordById.has(e.subjectId) && !visibleIds.has(e.subjectId)),
  );

  const recipientsOf = (e: (typeof shown)[number]): string[] => {
    if (e.action !== 'task.reminded' && e.action !== 'task.escalated') return [];
    const kinds = e.action === 'task.reminded' ? ['task_reminder'] : ['task_overdue', 'task_unassigned'];
    // Several escalation levels of one task can fall in the same sweep: match the level too.
    const level = e.action === 'task.escalated' ? e.data.level : undefined;
    return notices
      .filter(
        (n) =>
          n.task_id === e.subjectId &&
          kinds.includes(n.kind) &&
          (level === undefined || n.params.level === level) &&
          Math.abs(n.created_at.getTime() - e.at.getTime()) <= NOTIFICATION_MATCH_MS,
      )
      .map((n) => n.user_id);
  };
  const ids = new Set<string>();
  for (const e of shown) {
    if (e.actorId) ids.add(e.actorId);
    if (e.subjectType === 'user' && e.subjectId) ids.add(e.subjectId);
    const userId = str(e.data.userId);
    if (userId) ids.add(userId);
    for (const u of recipientsOf(e)) ids.add(u);
  }
  for (const r of visible) ids.add(r.author_user_id);
  const names = await userNames(ctx.db, ids);

  const items: Array<Entry & { order: number }> = [];
  for (const e of shown) {
    const userId = e.subjectType === 'user' ? e.subjectId : str(e.data.userId);
    const entry: Entry & { order: number } = {
      at: e.at.toISOString(),
      kind: e.action,
      text: describeLedgerEntry(locale, {
        action: e.action,
        data: e.data,
        actorName: e.actorId ? (names.get(e.actorId) ?? null) : null,
        userName: userId ? (names.get(userId) ?? null) : null,
        recipients: [...new Set(recipientsOf(e))].map((u) => names.get(u) ?? u),
        timeZone,
      }),
      seq: e.seq,
      order: e.seq,
    };
    if (e.actorId) entry.actor = { id: e.actorId, name: names.get(e.actorId) ?? '' };
    if (e.subjectType === 'task' && e.subjectId) entry.taskId = e.subjectId;
    if (e.subjectType === 'record' && e.subjectId) {
      entry.recordId = e.subjectId;
      const type = recordById.get(e.subjectId)?.type ?? str(e.data.type);
      if (type) entry.recordType = type;
    }
    const stepKey = str(e.data.stepKey);
    if (stepKey) entry.stepKey = stepKey;
    items.push(entry);
  }
  for (const r of visible) {
    const when = eventTimeOf(r.type, r.data);
    const at = when ? eventInstant(when, timeZone) : undefined;
    if (!at) continue;
    items.push({
      at: at.toISOString(),
      kind: 'record.occurred',
      actor: { id: r.author_user_id, name: names.get(r.author_user_id) ?? '' },
      text: describeRecordEvent(locale, r.type, r.data),
      recordId: r.id,
      recordType: r.type,
      // After the Ledger entries of the same instant.
      order: Number.MAX_SAFE_INTEGER,
    });
  }
  items.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.order - b.order));
  return { items: items.map(({ order: _order, ...rest }) => rest), truncated };
}
