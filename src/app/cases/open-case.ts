// POST /cases — report a situation (Cases issue, "Report"). Only the summary is required. In one
// transaction: the case with its yearly reference, the affected staff member and the supervisor
// (or general direction) as participants, locations, instigators, the playbook's tasks with
// their clocks, step 4.1.2 done by the system, and the supervisor's notification and mail.
import { DateTime } from 'luxon';
import type { z } from 'zod';
import type { Tx } from '../../adapters/db/database.js';
import { addParticipant, insertLocation, nextCaseSequence, roleHolders } from '../../adapters/db/cases.js';
import { appendLedger } from '../../adapters/db/ledger.js';
import type { caseSchema, openCaseBody } from '../../contract/cases.js';
import { hasRole } from '../../domain/auth/roles.js';
import { formatCaseReference } from '../../domain/cases/status.js';
import { DomainError } from '../../domain/errors.js';
import { bodyDigest } from '../../domain/ledger/chain.js';
import { caseFlags } from '../../domain/playbook/conditions.js';
import type { Locale } from '../../locales/index.js';
import type { Principal } from '../auth/principal.js';
import type { AppContext } from '../context.js';
import { withIdempotency } from '../idempotency.js';
import { requestCaptureInTx } from '../evidence/request-capture.js';
import { caseUrl, notify } from '../notifications/notify.js';
import { inviteAffectedPerson } from './invite-person.js';
import { loadCase } from './load-case.js';
import { presentCase } from './present.js';
import { applyPlan, type CaseRow, holdersForCase, joinRole } from './procedure.js';
import { currentPlaybook } from './playbook-store.js';

export type OpenCaseInput = z.infer<typeof openCaseBody>;

/** Who may open a case for someone else: the person's supervisor, HR, general direction. */
async function mayOpenFor(tx: Tx, principal: Principal, person: { unit_id: string | null }): Promise<boolean> {
  if (hasRole(principal.roles, 'hr') || hasRole(principal.roles, 'general_direction')) return true;
  return principal.roles.some((g) => g.role === 'supervisor' && g.unitId !== null && g.unitId === person.unit_id);
}

function invalidField(path: string, messageKey = 'field.invalid_value'): DomainError {
  return new DomainError('invalid_input', { fields: [{ path, message: messageKey }] });
}

export function hostOf(url: string): string {
  return new URL(url).hostname.toLowerCase().replace(/\.$/, '');
}

export async function openCase(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  input: { actor: Principal; body: OpenCaseInput; idempotencyKey?: string | undefined; locale: Locale },
): Promise<{ status: number; body: z.infer<typeof caseSchema>; replayed: boolean }> {
  const { actor, body } = input;
  const now = ctx.clock.now();
  return withIdempotency(ctx.db, { userId: actor.userId, key: input.idempotencyKey, route: 'POST /api/v1/cases', request: body, now }, async (tx) => {
    // 1. The affected person: the caller, unless a supervisor, HR or general direction reports for someone.
    const personId = body.affectedPersonId ?? actor.personId;
    if (!personId) throw new DomainError('forbidden', { messageKey: 'case.error.no_person' });
    const person = await tx
      .selectFrom('persons')
      .select(['id', 'unit_id', 'organisation_id'])
      .where('id', '=', personId)
      .where('organisation_id', '=', actor.organisationId)
      .executeTakeFirst();
    if (!person) throw invalidField('affectedPersonId', 'field.unknown_reference');
    if (person.id !== actor.personId && !(await mayOpenFor(tx, actor, person))) throw new DomainError('forbidden');

    let unitId = person.unit_id;
    if (body.unitId) {
      const unit = await tx.selectFrom('units').select('id').where('id', '=', body.unitId).where('organisation_id', '=', actor.organisationId).executeTakeFirst();
      if (!unit) throw invalidField('unitId', 'field.unknown_reference');
      unitId = unit.id;
    }

    // 2. A case about the unit's supervisor (or with no unit, or no supervisor) goes to general direction.
    const unitSupervisors = unitId ? (await roleHolders(tx, actor.organisationId, 'supervisor', { unitId })).filter((h) => h.personId !== person.id) : [];
    const personIsSupervisor = unitId ? (await roleHolders(tx, actor.organisationId, 'supervisor', { unitId })).some((h) => h.personId === person.id) : false;
    const supervisorIsGeneralDirection = unitId === null || personIsSupervisor || unitSupervisors.length === 0;

    // 3. Playbook version and a reference without gaps or duplicates (counter row locked by the upsert).
    const playbook = await currentPlaybook(tx, actor.organisationId, now);
    const org = await tx.selectFrom('organisations').select('time_zone').where('id', '=', actor.organisationId).executeTakeFirstOrThrow();
    const year = DateTime.fromJSDate(now, { zone: org.time_zone }).year;
    const reference = formatCaseReference(year, await nextCaseSequence(tx, actor.organisationId, year));
    const flags = Object.fromEntries(caseFlags.map((f) => [f, body.flags?.[f] ?? false]));

    const row: CaseRow = await tx
      .insertInto('cases')
      .values({
        organisation_id: actor.organisationId,
        reference,
        status: 'reported',
        summary: body.summary,
        occurred_at: body.occurredAt ? new Date(body.occurredAt) : null,
        flags: JSON.stringify(flags),
        affected_person_id: person.id,
        unit_id: unitId,
        supervisor_is_general_direction: supervisorIsGeneralDirection,
        opened_by: actor.userId,
        playbook_id: playbook.id,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendLedger(tx, {
      action: 'case.opened',
      at: now,
      actorId: actor.userId,
      organisationId: actor.organisationId,
      caseId: row.id,
      subject: { type: 'case', id: row.id },
      data: { reference, playbookVersion: playbook.version, summaryDigest: bodyDigest(body.summary), onBehalf: person.id !== actor.personId },
    });

    // 4. A person without a login gets one, and an invitation.
    const affectedUser = await tx.selectFrom('users').select('id').where('person_id', '=', person.id).executeTakeFirst();
    if (!affectedUser) await inviteAffectedPerson(tx, ctx, { personId: person.id, organisationId: actor.organisationId, caseId: row.id, actorId: actor.userId });

    // 5. Participants at intake (DESIGN.md §7): the staff member and the supervisor (or general direction).
    await joinRole(tx, ctx, row, 'staff', { actorId: actor.userId, reason: 'intake' });
    const supervisors = await joinRole(tx, ctx, row, 'supervisor', { actorId: actor.userId, reason: supervisorIsGeneralDirection ? 'replaces_supervisor' : 'intake' });
    if (person.id !== actor.personId) {
      const role = actor.roles.find((g) => ['supervisor', 'hr', 'general_direction'].includes(g.role))?.role ?? 'supervisor';
      if (await addParticipant(tx, { caseId: row.id, userId: actor.userId, role, at: now, addedBy: actor.userId, reason: 'opened_case' })) {
        await appendLedger(tx, {
          action: 'participant.added',
          at: now,
          actorId: actor.userId,
          organisationId: actor.organisationId,
          caseId: row.id,
          subject: { type: 'user', id: actor.userId },
          data: { role, reason: 'opened_case' },
        });
      }
    }

    // 6. Locations and instigators.
    for (const url of [...new Set(body.urls ?? [])]) {
      const loc = await insertLocation(tx, { caseId: row.id, url, host: hostOf(url), createdBy: actor.userId, at: now });
      if (loc) {
        await appendLedger(tx, {
          action: 'location.added',
          at: now,
          actorId: actor.userId,
          organisationId: actor.organisationId,
          caseId: row.id,
          subject: { type: 'location', id: loc.id },
          data: { urlDigest: bodyDigest(url) },
        });
        // Preserve first (step 4.1.1): each link is captured at once, queued with the case.
        await requestCaptureInTx(tx, ctx, { caseRow: row, locationId: loc.id, url, requestedBy: actor.userId });
      }
    }
    for (const inst of body.instigators ?? []) {
      const rec = await tx
        .insertInto('case_records')
        .values({ case_id: row.id, type: 'instigator', data: JSON.stringify(inst), author_user_id: actor.userId, created_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      await appendLedger(tx, {
        action: 'record.created',
        at: now,
        actorId: actor.userId,
        organisationId: actor.organisationId,
        caseId: row.id,
        subject: { type: 'record', id: rec.id },
        data: { type: 'instigator', kind: inst.kind },
      });
    }

    // 7. Tasks, then step 4.1.2: the supervisor knows at once.
    await applyPlan(tx, ctx, row, actor.userId);
    const notified = supervisors.length > 0 ? supervisors : (await holdersForCase(tx, row, 'supervisor')).map((h) => h.userId);
    await notify(tx, ctx, {
      organisationId: actor.organisationId,
      userIds: notified.filter((u) => u !== actor.userId || person.id === actor.personId),
      caseId: row.id,
      kind: 'case_reported',
      params: { reference },
      actorId: actor.userId,
      mail: { template: 'case_reported', params: { reference, caseUrl: caseUrl(ctx, row.id) } },
    });
    return { status: 201, body: await presentCase(tx, await loadCase(tx, actor, row.id, now), input.locale) };
  });
}
