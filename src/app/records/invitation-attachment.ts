// The calendar file of a meeting invitation, built again at each delivery attempt of the mail
// (first send, the queue's retries, an administrator's retry): the mail outbox stores the
// template and its parameters, not the attachment. The meeting is found through the Ledger
// entry of the case (by the reference in the mail's parameters) that sent the invitation
// (record.invitation_sent names its mail ids).
import { findInvitationRecordId, findRecord } from '../../adapters/db/records.js';
import type { MailMessageRow } from '../../adapters/db/mail-messages.js';
import { isLocale, type Locale } from '../../locales/index.js';
import type { AppContext } from '../context.js';
import type { MailAttachment } from '../mail/ports.js';
import { icsFilename, renderMeetingIcs } from './meeting-ics.js';

export async function meetingInvitationAttachment(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  mail: Pick<MailMessageRow, 'id' | 'locale' | 'organisation_id' | 'params'>,
): Promise<MailAttachment | undefined> {
  const reference = mail.params.reference;
  if (typeof reference !== 'string' || !mail.organisation_id) return undefined;
  const row = await ctx.db
    .selectFrom('cases')
    .selectAll()
    .where('organisation_id', '=', mail.organisation_id)
    .where('reference', '=', reference)
    .executeTakeFirst();
  if (!row) return undefined;
  const recordId = await findInvitationRecordId(ctx.db, { caseId: row.id, mailId: mail.id });
  if (!recordId) return undefined;
  const record = await findRecord(ctx.db, recordId);
  if (!record || record.type !== 'meeting' || record.case_id !== row.id) return undefined;
  const locale: Locale = isLocale(mail.locale) ? mail.locale : 'fr-CA';
  return {
    filename: icsFilename(locale, row.reference),
    content: renderMeetingIcs(ctx, row, record, locale, ctx.clock.now()),
    contentType: 'text/calendar; charset=utf-8',
  };
}
