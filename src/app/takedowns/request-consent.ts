// POST /cases/{id}/takedowns/consent-request: IT (or the supervisor, or general direction)
// asks the affected staff member, inside Rempart, whether removal requests may be sent. The
// person gets an in-app notice and a mail with the case reference and a link to the consent
// page — never the facts — and answers there with their password. Nothing is decided for them:
// this only asks. One request per case every 12 hours, so the person is not pressed.
import { appendLedger } from '../../adapters/db/ledger.js';
import { DomainError } from '../../domain/errors.js';
import { canActOnTakedowns } from '../../domain/takedowns/status.js';
import type { Principal } from '../auth/principal.js';
import { loadCaseForUpdate } from '../cases/load-case.js';
import type { AppContext } from '../context.js';
import { notify } from '../notifications/notify.js';

export const CONSENT_REQUEST_INTERVAL_MS = 12 * 60 * 60 * 1000;

export function consentPageUrl(ctx: Pick<AppContext, 'config'>, caseId: string): string {
  return `${ctx.config.publicUrl}/dossiers/${caseId}/retraits/consentement`;
}

export async function requestTakedownConsent(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  input: { actor: Principal; caseId: string },
): Promise<{ requestedAt: string; recipientName: string }> {
  const { actor } = input;
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (tx) => {
    const { row, access } = await loadCaseForUpdate(tx, actor, input.caseId, now);
    if (!canActOnTakedowns(access)) throw new DomainError('forbidden', { messageKey: 'takedown.error.not_allowed' });
    if (row.status === 'closed') throw new DomainError('invalid_transition', { messageKey: 'case.error.closed' });
    const latest = await tx
      .selectFrom('consents')
      .select('granted')
      .where('case_id', '=', row.id)
      .where('purpose', '=', 'takedown')
      .orderBy('recorded_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (latest?.granted) throw new DomainError('invalid_transition', { messageKey: 'takedown.error.consent_already_given' });
    const person = await tx
      .selectFrom('persons')
      .leftJoin('users', 'users.person_id', 'persons.id')
      .select(['persons.full_name', 'users.id as user_id', 'users.status as user_status'])
      .where('persons.id', '=', row.affected_person_id)
      .executeTakeFirstOrThrow();
    if (!person.user_id || person.user_status !== 'active')
      throw new DomainError('invalid_transition', { messageKey: 'takedown.error.consent_no_login' });
    const recent = await tx
      .selectFrom('ledger_entries')
      .select('at')
      .where('case_id', '=', row.id)
      .where('action', '=', 'takedown.consent_requested')
      .where('at', '>', new Date(now.getTime() - CONSENT_REQUEST_INTERVAL_MS))
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (recent) throw new DomainError('invalid_transition', { messageKey: 'takedown.error.consent_recently_requested' });

    await notify(tx, ctx, {
      organisationId: row.organisation_id,
      userIds: [person.user_id],
      caseId: row.id,
      kind: 'takedown_consent_requested',
      params: { reference: row.reference },
      actorId: actor.userId,
      mail: { template: 'takedown_consent_requested', params: { reference: row.reference, consentUrl: consentPageUrl(ctx, row.id) } },
    });
    await appendLedger(tx, {
      action: 'takedown.consent_requested',
      at: now,
      actorId: actor.userId,
      organisationId: row.organisation_id,
      caseId: row.id,
      subject: { type: 'user', id: person.user_id },
      data: { purpose: 'takedown' },
    });
    return { requestedAt: now.toISOString(), recipientName: person.full_name };
  });
}
