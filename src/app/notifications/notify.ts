// In-app notifications (with unread counts) and their e-mails, recorded in the caller's
// transaction; the mail is delivered by the queue right after commit. Mails carry the case
// reference, the step and a link, never the summary or anyone's name (templates.ts).
import type { Tx } from '../../adapters/db/database.js';
import { enqueueJob } from '../../jobs/queue.js';
import type { AppContext } from '../context.js';
import { queueMail } from '../mail/send-mail.js';
import type { MailParams, MailTemplateName } from '../mail/templates.js';

export interface NotifyInput<T extends MailTemplateName> {
  organisationId: string;
  userIds: readonly string[];
  caseId: string | null;
  taskId?: string | null;
  kind: string;
  params: Record<string, string | number>;
  actorId: string | null;
  mail?: { template: T; params: MailParams<T> };
}

export async function notify<T extends MailTemplateName>(tx: Tx, ctx: Pick<AppContext, 'clock' | 'config'>, input: NotifyInput<T>): Promise<void> {
  const now = ctx.clock.now();
  const userIds = [...new Set(input.userIds)];
  if (userIds.length === 0) return;
  await tx
    .insertInto('notifications')
    .values(
      userIds.map((userId) => ({
        user_id: userId,
        case_id: input.caseId,
        task_id: input.taskId ?? null,
        kind: input.kind,
        params: JSON.stringify(input.params),
        created_at: now,
      })),
    )
    .execute();
  if (!input.mail) return;
  for (const userId of userIds) {
    const { id } = await queueMail(tx, ctx, {
      to: { userId },
      template: input.mail.template,
      params: input.mail.params,
      organisationId: input.organisationId,
      actorId: input.actorId,
    });
    await enqueueJob(tx, 'deliver-mail', 1, { mailId: id }, { maxAttempts: 8 });
  }
}

/** The UI address of a case, for mail links. */
export function caseUrl(ctx: Pick<AppContext, 'config'>, caseId: string): string {
  return `${ctx.config.publicUrl}/dossiers/${caseId}`;
}
