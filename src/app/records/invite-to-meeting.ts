// POST /records/{id}/invite {userIds}: mails the meeting's calendar invitation to participants
// of the case. In one transaction: each message recorded (mail_messages, Ledger mail.queued),
// an in-app notification per recipient, and a Ledger entry naming the recipients by id. Then,
// after commit, the messages are delivered with the .ics attached (deliver-invitation.ts).
import type { z } from 'zod';
import { appendLedger } from '../../adapters/db/ledger.js';
import { listParticipantsWithAdders } from '../../adapters/db/case-participants.js';
import type { inviteToMeetingBody, inviteToMeetingResponse } from '../../contract/records.js';
import { DomainError } from '../../domain/errors.js';
import { canWriteRecord } from '../../domain/records/rules.js';
import type { Principal } from '../auth/principal.js';
import type { AppContext } from '../context.js';
import { queueMail } from '../mail/send-mail.js';
import { caseUrl, notify } from '../notifications/notify.js';
import { deliverInvitation } from './deliver-invitation.js';
import { loadRecordForUpdate } from './load-record.js';
import { localDateTime, meetingFacts } from './meeting-ics.js';

export async function inviteToMeeting(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config' | 'mailer' | 'log'>,
  input: { actor: Principal; recordId: string; body: z.infer<typeof inviteToMeetingBody> },
): Promise<z.infer<typeof inviteToMeetingResponse>> {
  const { actor } = input;
  const now = ctx.clock.now();
  const userIds = [...new Set(input.body.userIds)];
  const queued = await ctx.db.transaction().execute(async (tx) => {
    const { loaded, record } = await loadRecordForUpdate(tx, actor, input.recordId, now);
    const { row, access } = loaded;
    if (record.type !== 'meeting') throw new DomainError('invalid_transition', { messageKey: 'record.error.not_a_meeting' });
    if (!canWriteRecord(access, 'meeting')) throw new DomainError('forbidden', { messageKey: 'record.error.type_not_allowed' });
    if (row.status === 'closed') throw new DomainError('invalid_transition', { messageKey: 'case.error.closed' });
    // Only people who already take part in the case: an invitation never widens access.
    const participants = new Set(
      (await listParticipantsWithAdders(tx, row.id)).filter((p) => p.role !== 'committee' && p.role !== 'admin').map((p) => p.user_id),
    );
    const unknown = input.body.userIds.flatMap((id, i) =>
      participants.has(id) ? [] : [{ path: `userIds.${i}`, message: 'record.error.not_a_participant' }],
    );
    if (unknown.length > 0) throw new DomainError('invalid_input', { fields: unknown });

    const { start } = meetingFacts(record);
    const { date, time } = await localDateTime(tx, row.organisation_id, start);
    const mails: Array<{ userId: string; mailId: string }> = [];
    for (const userId of userIds) {
      const { id } = await queueMail(tx, ctx, {
        to: { userId },
        template: 'meeting_invitation',
        params: { reference: row.reference, date, time, caseUrl: caseUrl(ctx, row.id) },
        organisationId: row.organisation_id,
        actorId: actor.userId,
      });
      mails.push({ userId, mailId: id });
    }
    await notify(tx, ctx, {
      organisationId: row.organisation_id,
      userIds: userIds.filter((u) => u !== actor.userId),
      caseId: row.id,
      kind: 'meeting_invitation',
      params: { reference: row.reference, date, time },
      actorId: actor.userId,
    });
    await appendLedger(tx, {
      action: 'record.invitation_sent',
      at: now,
      actorId: actor.userId,
      organisationId: row.organisation_id,
      caseId: row.id,
      subject: { type: 'record', id: record.id },
      data: { type: 'meeting', version: record.version, userIds, mailIds: mails.map((m) => m.mailId) },
    });
    return { mails };
  });
  const invited: z.infer<typeof inviteToMeetingResponse>['invited'] = [];
  for (const m of queued.mails) {
    invited.push({ userId: m.userId, status: await deliverInvitation(ctx, { mailId: m.mailId }) });
  }
  return { invited };
}
