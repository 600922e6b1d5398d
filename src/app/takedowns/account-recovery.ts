// GET/PATCH /cases/{id}/account-recovery (step 4.6.2, when the case's accountCompromised flag is
// set): per provider of a compromised account, the provider's recovery (hacked account) channel
// from the directory and a checklist of steps with who did each and when. The staff member (who
// holds the account) and IT both tick steps; when every provider's list is complete, step 4.6.2
// completes itself.
import type { z } from 'zod';
import type { Queryable } from '../../adapters/db/database.js';
import { appendLedger } from '../../adapters/db/ledger.js';
import { listProviderRows } from '../../adapters/db/providers.js';
import { addRecoveryProvider, listRecoveryChecks, listRecoveryProviders, upsertRecoveryCheck } from '../../adapters/db/takedowns.js';
import { listCaseTasks, updateTask } from '../../adapters/db/tasks.js';
import type { accountRecoveryPatch, accountRecoverySchema } from '../../contract/takedowns.js';
import { DomainError } from '../../domain/errors.js';
import { checklistComplete, recoverySteps } from '../../domain/takedowns/account-recovery.js';
import { recoveryChannel } from '../../domain/takedowns/directory.js';
import { canFileTakedowns, canReadTakedowns } from '../../domain/takedowns/status.js';
import { type Locale, t } from '../../locales/index.js';
import type { Principal } from '../auth/principal.js';
import { type LoadedCase, loadCase, loadCaseForUpdate } from '../cases/load-case.js';
import { flagsOf } from '../cases/procedure.js';
import type { AppContext } from '../context.js';
import { providerOf } from './directory-store.js';

type RecoveryJson = z.infer<typeof accountRecoverySchema>;

async function present(db: Queryable, loaded: LoadedCase, locale: Locale): Promise<RecoveryJson> {
  const [chosen, checks, directory] = await Promise.all([
    listRecoveryProviders(db, loaded.row.id),
    listRecoveryChecks(db, loaded.row.id),
    listProviderRows(db),
  ]);
  const entries = new Map(directory.map((r) => [r.id, providerOf(r)]));
  return {
    caseId: loaded.row.id,
    applies: flagsOf(loaded.row).accountCompromised,
    providers: chosen.map((c) => {
      const entry = entries.get(c.provider_id);
      const mine = checks.filter((x) => x.provider_id === c.provider_id);
      const steps = recoverySteps.map((step) => {
        const x = mine.find((m) => m.step === step);
        return {
          step,
          title: t(locale, `takedown.recovery.step.${step}`),
          done: x?.done ?? false,
          note: x?.note ?? null,
          at: x ? x.at.toISOString() : null,
          byName: x?.by_name ?? null,
        };
      });
      return {
        providerId: c.provider_id,
        providerName: entry?.name ?? c.provider_id,
        channel: entry ? (recoveryChannel(entry) ?? null) : null,
        complete: checklistComplete(steps),
        steps,
      };
    }),
    availableProviders: [...entries.values()].filter((e) => recoveryChannel(e) !== undefined).map((e) => ({ id: e.id, name: e.name })),
  };
}

export async function getAccountRecovery(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  input: { actor: Principal; caseId: string; locale: Locale },
): Promise<RecoveryJson> {
  const loaded = await loadCase(ctx.db, input.actor, input.caseId, ctx.clock.now(), 'account_recovery.read');
  if (!canReadTakedowns(loaded.access)) throw new DomainError('forbidden');
  return present(ctx.db, loaded, input.locale);
}

export async function updateAccountRecovery(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  input: { actor: Principal; caseId: string; body: z.infer<typeof accountRecoveryPatch>; locale: Locale },
): Promise<RecoveryJson> {
  const { actor, body } = input;
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (tx) => {
    const loaded = await loadCaseForUpdate(tx, actor, input.caseId, now);
    const { row } = loaded;
    if (!canFileTakedowns(loaded.access)) throw new DomainError('forbidden');
    if (!flagsOf(row).accountCompromised) throw new DomainError('invalid_transition', { messageKey: 'takedown.error.not_compromised' });
    if (row.status === 'closed') throw new DomainError('invalid_transition', { messageKey: 'case.error.closed' });
    const known = new Set((await listProviderRows(tx)).map((r) => r.id));
    const unknown = [
      ...(body.addProviders ?? []).map((id, i) => ({ id, path: `addProviders.${i}` })),
      ...(body.steps ?? []).map((s, i) => ({ id: s.providerId, path: `steps.${i}.providerId` })),
    ].filter((x) => !known.has(x.id));
    if (unknown.length > 0)
      throw new DomainError('invalid_input', { fields: unknown.map((x) => ({ path: x.path, message: 'field.unknown_reference' })) });
    const wanted = [...new Set([...(body.addProviders ?? []), ...(body.steps ?? []).map((s) => s.providerId)])];
    const added: string[] = [];
    for (const id of wanted) if (await addRecoveryProvider(tx, row.id, id, actor.userId, now)) added.push(id);
    const stepChanges: string[] = [];
    for (const s of body.steps ?? []) {
      await upsertRecoveryCheck(tx, {
        caseId: row.id,
        providerId: s.providerId,
        step: s.step,
        done: s.done,
        note: s.note ?? null,
        by: actor.userId,
        at: now,
      });
      stepChanges.push(`${s.providerId}:${s.step}:${s.done ? 'done' : 'undone'}`);
    }
    await appendLedger(tx, {
      action: 'account_recovery.updated',
      at: now,
      actorId: actor.userId,
      organisationId: row.organisation_id,
      caseId: row.id,
      subject: { type: 'case', id: row.id },
      data: { added, steps: stepChanges },
    });
    const view = await present(tx, loaded, input.locale);
    if (view.providers.length > 0 && view.providers.every((p) => p.complete)) {
      for (const task of await listCaseTasks(tx, row.id)) {
        if (task.step_key !== '4.6.2' || (task.status !== 'open' && task.status !== 'pending')) continue;
        await updateTask(tx, task.id, {
          status: 'done',
          completed_at: now,
          completed_by: actor.userId,
          completion_source: 'system',
          next_check_at: null,
          updated_at: now,
        });
        await appendLedger(tx, {
          action: 'task.done',
          at: now,
          actorId: actor.userId,
          organisationId: row.organisation_id,
          caseId: row.id,
          subject: { type: 'task', id: task.id },
          data: { stepKey: '4.6.2', by: 'system', providers: view.providers.length },
        });
      }
    }
    return view;
  });
}
