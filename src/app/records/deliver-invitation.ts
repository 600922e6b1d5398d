// Delivers a meeting invitation recorded in mail_messages by inviteToMeeting, with the meeting's
// calendar file attached (in the recipient's language), and records the outcome like
// attemptDelivery (src/app/mail/send-mail.ts) does: the message marked sent or failed, and a
// Ledger entry. The queue's deliver-mail job renders templates without attachments, so these
// messages are delivered here, right after their transaction commits.
// A failed invitation can be retried by an admin (POST /api/v1/admin/mail/{id}/retry); that
// retry sends the text (date, time, link) without the .ics — the file stays downloadable from
// the case (GET /records/{id}/ics).
import { appendLedger } from '../../adapters/db/ledger.js';
import { findMailMessage, markMailFailed, markMailSent } from '../../adapters/db/mail-messages.js';
import { isLocale, type Locale } from '../../locales/index.js';
import type { AppContext } from '../context.js';
import type { CaseRow } from '../cases/procedure.js';
import { renderMail } from '../mail/templates.js';
import type { CaseRecordRow } from './load-record.js';
import { icsFilename, renderMeetingIcs } from './meeting-ics.js';

const MAX_ERROR_LENGTH = 500;

export async function deliverInvitation(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config' | 'mailer' | 'log'>,
  input: { mailId: string; row: CaseRow; record: CaseRecordRow },
): Promise<'sent' | 'failed'> {
  const mail = await findMailMessage(ctx.db, input.mailId);
  if (!mail) throw new Error(`mail ${input.mailId} not found`);
  if (mail.status !== 'pending') return mail.status === 'sent' ? 'sent' : 'failed';
  const locale: Locale = isLocale(mail.locale) ? mail.locale : 'fr-CA';
  let subject = mail.subject;
  let failure: string | undefined;
  try {
    const rendered = renderMail('meeting_invitation', locale, mail.params, { appUrl: ctx.config.publicUrl });
    subject = rendered.subject;
    await ctx.mailer.send({
      to: mail.to_address,
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      attachments: [
        {
          filename: icsFilename(locale, input.row.reference),
          content: renderMeetingIcs(ctx, input.row, input.record, locale, ctx.clock.now()),
          contentType: 'text/calendar; charset=utf-8',
        },
      ],
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    failure = message.replace(/\s+/g, ' ').trim().slice(0, MAX_ERROR_LENGTH) || 'error';
  }
  const at = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    const attempts =
      failure === undefined ? await markMailSent(tx, mail.id, { at, subject }) : await markMailFailed(tx, mail.id, { at, error: failure });
    await appendLedger(tx, {
      action: failure === undefined ? 'mail.sent' : 'mail.failed',
      at,
      actorId: null,
      organisationId: mail.organisation_id,
      subject: { type: 'mail', id: mail.id },
      data: { template: mail.template, attempts, attachment: 'ics' },
    });
  });
  if (failure !== undefined) ctx.log.warn({ mailId: mail.id, template: mail.template, error: failure }, 'meeting invitation not delivered');
  return failure === undefined ? 'sent' : 'failed';
}
