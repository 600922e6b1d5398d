// The reminder sweep (periodic job src/jobs/takedown-reminders.ts): a request left without an
// answer for the organisation's delay (default 7 days) — submitted or acknowledged with no reply,
// or a draft never sent — is brought back to its author and the case's IT participants, by
// notification and mail. A draft whose `takedown` consent was revoked (or never given) earns no
// reminder: its clock just moves on, so reminders resume if the consent is given again.
// Requests are claimed FOR UPDATE SKIP LOCKED and rescheduled in the same transaction as the
// notification, so two workers never send the same reminder.
import { listParticipants } from '../../adapters/db/cases.js';
import { appendLedger } from '../../adapters/db/ledger.js';
import { claimDueReminders, insertFollowup, reminderDaysOf, updateTakedownRequest } from '../../adapters/db/takedowns.js';
import { awaitsProvider, isClosedStatus, nextReminderAt, type TakedownStatus } from '../../domain/takedowns/status.js';
import type { AppContext } from '../context.js';
import { caseUrl, notify } from '../notifications/notify.js';
import { takedownConsent } from './takedown-store.js';

const BATCH = 100;

export async function sendTakedownReminders(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
): Promise<{ reminders: number; skipped: number }> {
  let reminders = 0;
  let skipped = 0;
  for (let round = 0; round < 20; round += 1) {
    const claimed = await ctx.db.transaction().execute(async (tx) => {
      const now = ctx.clock.now();
      const due = await claimDueReminders(tx, now, BATCH);
      for (const request of due) {
        const status = request.status as TakedownStatus;
        const row = await tx.selectFrom('cases').selectAll().where('id', '=', request.case_id).executeTakeFirstOrThrow();
        if (isClosedStatus(status) || row.status === 'closed') {
          await updateTakedownRequest(tx, request.id, { next_reminder_at: null });
          continue;
        }
        const days = await reminderDaysOf(tx, row.organisation_id);
        const next = nextReminderAt(status, now, days);
        if (status === 'draft' && !(await takedownConsent(tx, row.id)).active) {
          skipped += 1;
          await updateTakedownRequest(tx, request.id, { next_reminder_at: next });
          continue;
        }
        const it = (await listParticipants(tx, row.id)).filter((p) => p.role === 'it').map((p) => p.user_id);
        const recipients = [...new Set([...(request.created_by ? [request.created_by] : []), ...it])];
        const kind = awaitsProvider(status) ? 'waiting' : 'draft';
        await notify(tx, ctx, {
          organisationId: row.organisation_id,
          userIds: recipients,
          caseId: row.id,
          kind: 'takedown_reminder',
          params: { reference: row.reference, takedownRequestId: request.id, providerId: request.provider_id, status, days },
          actorId: null,
          mail: { template: 'takedown_reminder', params: { reference: row.reference, status: kind, days, caseUrl: caseUrl(ctx, row.id) } },
        });
        await updateTakedownRequest(tx, request.id, {
          next_reminder_at: next,
          last_reminded_at: now,
          reminder_count: request.reminder_count + 1,
        });
        await insertFollowup(tx, { request_id: request.id, kind: 'reminder_due', note: null, at: now, by: null });
        await appendLedger(tx, {
          action: 'takedown.reminded',
          at: now,
          actorId: null,
          organisationId: row.organisation_id,
          caseId: row.id,
          subject: { type: 'takedown_request', id: request.id },
          data: { status, count: request.reminder_count + 1, recipients: recipients.length },
        });
        reminders += 1;
      }
      return due.length;
    });
    if (claimed < BATCH) break;
  }
  return { reminders, skipped };
}
