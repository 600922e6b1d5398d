// PATCH /cases/{id}: summary, flags and status. Flag changes re-plan the tasks (steps that now
// apply appear, those that no longer apply become not applicable, done ones stay done).
// Closing needs every other task done or not applicable; the weekly follow-up then stops.
import type { z } from 'zod';
import { appendLedger } from '../../adapters/db/ledger.js';
import { listCaseTasks, updateTask } from '../../adapters/db/tasks.js';
import type { caseSchema, updateCaseBody } from '../../contract/cases.js';
import { canChangeStatus, canEditFacts } from '../../domain/cases/access.js';
import { type CaseStatus, canTransition, isReopen } from '../../domain/cases/status.js';
import { DomainError } from '../../domain/errors.js';
import { bodyDigest } from '../../domain/ledger/chain.js';
import { caseFlags } from '../../domain/playbook/conditions.js';
import type { Locale } from '../../locales/index.js';
import type { Principal } from '../auth/principal.js';
import type { AppContext } from '../context.js';
import { loadCase, loadCaseForUpdate } from './load-case.js';
import { playbookOfCase } from './playbook-store.js';
import { presentCase } from './present.js';
import { applyPlan, flagsOf } from './procedure.js';

export async function updateCase(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  input: { actor: Principal; caseId: string; body: z.infer<typeof updateCaseBody>; locale: Locale },
): Promise<z.infer<typeof caseSchema>> {
  const { actor, body } = input;
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (tx) => {
    const { row, access } = await loadCaseForUpdate(tx, actor, input.caseId, now);
    if (body.version !== undefined && body.version !== row.version) throw new DomainError('stale_version');
    const wantsFacts = body.summary !== undefined || body.flags !== undefined;
    if (wantsFacts && !canEditFacts(access)) throw new DomainError('forbidden');
    if (body.status !== undefined && body.status !== row.status && !canChangeStatus(access)) throw new DomainError('forbidden');
    const ledger = (action: string, data: Record<string, string | number | boolean | string[]>) =>
      appendLedger(tx, { action, at: now, actorId: actor.userId, organisationId: row.organisation_id, caseId: row.id, subject: { type: 'case', id: row.id }, data });

    const set: { summary?: string; flags?: string; status?: string; closed_at?: Date | null } = {};
    if (body.summary !== undefined && body.summary !== row.summary) {
      set.summary = body.summary;
      await ledger('case.summary_changed', { summaryDigest: bodyDigest(body.summary) });
    }
    let flagsChanged = false;
    if (body.flags) {
      const current = flagsOf(row);
      const next = { ...current };
      for (const f of caseFlags) if (body.flags[f] !== undefined) next[f] = body.flags[f] as boolean;
      const changed = caseFlags.filter((f) => next[f] !== current[f]);
      if (changed.length > 0) {
        flagsChanged = true;
        set.flags = JSON.stringify(next);
        await ledger('case.flags_changed', { changed, set: changed.filter((f) => next[f]) });
      }
    }
    if (body.status !== undefined && body.status !== row.status) {
      const from = row.status as CaseStatus;
      const to = body.status;
      if (!canTransition(from, to)) throw new DomainError('invalid_transition', { params: { from, to } });
      if (isReopen(from, to) && !body.reason) throw new DomainError('invalid_input', { fields: [{ path: 'reason', message: 'field.required' }] });
      if (to === 'closed') {
        const { steps } = await playbookOfCase(tx, row.playbook_id);
        const recurring = new Set(steps.filter((s) => s.dueRule.kind === 'weekly').map((s) => s.key));
        const tasks = await listCaseTasks(tx, row.id);
        const blocking = tasks.filter((t) => (t.status === 'open' || t.status === 'pending') && !recurring.has(t.step_key));
        if (blocking.length > 0) {
          throw new DomainError('invalid_transition', { messageKey: 'case.error.open_tasks', params: { count: blocking.length, steps: [...new Set(blocking.map((t) => t.step_key))].join(', ') } });
        }
        for (const t of tasks.filter((t) => t.status === 'open' && recurring.has(t.step_key))) {
          // Retired by the system, so a reopened case gets its weekly follow-up back.
          await updateTask(tx, t.id, { status: 'not_applicable', na_reason: 'case_closed', retired_by_system: true, next_check_at: null, updated_at: now });
          await appendLedger(tx, { action: 'task.not_applicable', at: now, actorId: actor.userId, organisationId: row.organisation_id, caseId: row.id, subject: { type: 'task', id: t.id }, data: { stepKey: t.step_key, by: 'system', reason: 'case_closed' } });
        }
        set.closed_at = now;
      }
      if (isReopen(from, to)) set.closed_at = null;
      set.status = to;
      await ledger('case.status_changed', { from, to, ...(body.reason ? { reasonDigest: bodyDigest(body.reason) } : {}) });
      if (body.reason && isReopen(from, to)) {
        await tx
          .insertInto('case_records')
          .values({ case_id: row.id, type: 'note', data: JSON.stringify({ text: body.reason, kind: 'reopen_reason' }), author_user_id: actor.userId, created_at: now, updated_at: now })
          .execute();
      }
    }
    if (Object.keys(set).length === 0) return presentCase(tx, { row, access }, input.locale);
    const updated = await tx
      .updateTable('cases')
      .set({ ...set, updated_at: now, version: row.version + 1 })
      .where('id', '=', row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (flagsChanged || set.status !== undefined) await applyPlan(tx, ctx, updated, actor.userId);
    return presentCase(tx, await loadCase(tx, actor, row.id, now), input.locale);
  });
}
