// The organisation's playbook editor (Cases issue): read the current version, preview the tasks
// a definition would create, save a new version. Every save is a new version (never an edit),
// with its author in the ledger; cases keep the version they were opened under.
import type { z } from 'zod';
import { appendLedger } from '../../adapters/db/ledger.js';
import { insertPlaybook, latestPlaybook, listPlaybookVersions } from '../../adapters/db/playbooks.js';
import type { playbookResponse, previewPlaybookBody, previewPlaybookResponse, savePlaybookBody } from '../../contract/playbook.js';
import { planTasks } from '../../domain/cases/task-plan.js';
import { DomainError } from '../../domain/errors.js';
import { bodyDigest } from '../../domain/ledger/chain.js';
import { emptyFacts, knownFacts } from '../../domain/playbook/conditions.js';
import { completions, escalationTargets, type PlaybookDefinition, type PlaybookProblem, type StepRole, stepRoles, validatePlaybook } from '../../domain/playbook/definition.js';
import { type Locale, t } from '../../locales/index.js';
import type { Principal } from '../auth/principal.js';
import { loadCalendar } from '../cases/calendar.js';
import { currentPlaybook } from '../cases/playbook-store.js';
import type { AppContext } from '../context.js';

export function problemMessages(problems: PlaybookProblem[], locale: Locale) {
  return problems.map((p) => ({ path: p.path, code: p.code, message: t(locale, `playbook.problem.${p.code}`, p.params) }));
}

export async function getPlaybook(ctx: Pick<AppContext, 'db' | 'clock'>, actor: Principal): Promise<z.infer<typeof playbookResponse>> {
  const current = await ctx.db.transaction().execute((tx) => currentPlaybook(tx, actor.organisationId, ctx.clock.now()));
  const row = await latestPlaybook(ctx.db, actor.organisationId);
  const versions = await listPlaybookVersions(ctx.db, actor.organisationId);
  const authorIds = versions.map((v) => v.created_by).filter((x): x is string => x !== null);
  const authors = new Map(
    authorIds.length ? (await ctx.db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', authorIds).execute()).map((u) => [u.id, u.display_name]) : [],
  );
  return {
    id: current.id,
    version: current.version,
    createdAt: (row?.created_at ?? ctx.clock.now()).toISOString(),
    createdBy: row?.created_by ?? null,
    definition: current.definition as z.infer<typeof playbookResponse>['definition'],
    versions: versions.map((v) => ({
      id: v.id,
      version: v.version,
      createdAt: v.created_at.toISOString(),
      createdBy: v.created_by,
      createdByName: v.created_by ? (authors.get(v.created_by) ?? null) : null,
    })),
    vocabulary: { roles: [...stepRoles], completions: [...completions], escalationTargets: [...escalationTargets], facts: [...knownFacts] },
  };
}

export async function previewPlaybook(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  input: { actor: Principal; body: z.infer<typeof previewPlaybookBody>; locale: Locale },
): Promise<z.infer<typeof previewPlaybookResponse>> {
  const definition = input.body.definition as PlaybookDefinition;
  const result = validatePlaybook(definition);
  if (!result.ok) return { ok: false, problems: problemMessages(result.problems, input.locale), tasks: [] };
  const f = input.body.facts;
  const facts = emptyFacts();
  for (const flag of f.flags) facts.flags[flag] = true;
  facts.instigatorKnown = f.instigator !== 'none';
  facts.studentInstigator = f.instigator === 'student';
  for (const c of f.consents) facts.consents[c] = true;
  const locationIds = Array.from({ length: f.locations }, (_, i) => `location-${i + 1}`);
  const actions = planTasks({
    steps: result.steps,
    facts,
    joinedRoles: new Set(f.joinedRoles as StepRole[]),
    locationIds,
    existing: [],
    caseClosed: false,
    now: input.body.at ? new Date(input.body.at) : ctx.clock.now(),
    calendar: await loadCalendar(ctx.db, input.actor.organisationId),
  });
  const byKey = new Map(definition.steps.map((s) => [s.key, s]));
  return {
    ok: true,
    problems: [],
    tasks: actions.flatMap((a) =>
      a.kind === 'create'
        ? [
            {
              stepKey: a.stepKey,
              title: byKey.get(a.stepKey)?.title[input.locale] ?? a.stepKey,
              role: byKey.get(a.stepKey)?.role ?? '',
              status: a.status,
              dueAt: a.dueAt?.toISOString() ?? null,
              location: a.locationId ? locationIds.indexOf(a.locationId) + 1 : null,
            },
          ]
        : [],
    ),
  };
}

export async function savePlaybook(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  input: { actor: Principal; body: z.infer<typeof savePlaybookBody>; locale: Locale },
): Promise<z.infer<typeof playbookResponse>> {
  const definition = input.body.definition as PlaybookDefinition;
  const result = validatePlaybook(definition);
  if (!result.ok) {
    throw new DomainError('invalid_input', { messageKey: 'playbook.error.invalid', fields: problemMessages(result.problems, input.locale).map((p) => ({ path: `definition.${p.path}`, message: p.message })) });
  }
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    const current = await currentPlaybook(tx, input.actor.organisationId, now);
    if (current.version !== input.body.basedOnVersion) throw new DomainError('stale_version');
    const row = await insertPlaybook(tx, { organisationId: input.actor.organisationId, version: current.version + 1, definition, createdBy: input.actor.userId, at: now });
    await appendLedger(tx, {
      action: 'playbook.saved',
      at: now,
      actorId: input.actor.userId,
      organisationId: input.actor.organisationId,
      subject: { type: 'playbook', id: row.id },
      data: { version: row.version, digest: bodyDigest(definition), basedOn: current.version },
    });
  });
  return getPlaybook(ctx, input.actor);
}
