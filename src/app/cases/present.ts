// Case and task JSON (src/contract/cases.ts), in the reader's language.
import type { Selectable } from 'kysely';
import type { z } from 'zod';
import type { Queryable } from '../../adapters/db/database.js';
import { latestConsents, listLocations, listParticipants } from '../../adapters/db/cases.js';
import type { TasksTable } from '../../adapters/db/schema-cases.js';
import { listCaseTasks } from '../../adapters/db/tasks.js';
import { canChangeStatus, canEditFacts, canManageParticipants } from '../../domain/cases/access.js';
import { nextStatuses, type CaseStatus } from '../../domain/cases/status.js';
import type { PlaybookDefinition } from '../../domain/playbook/definition.js';
import type { caseSchema, taskSchema } from '../../contract/cases.js';
import type { Locale } from '../../locales/index.js';
import { caseEvidenceSummary } from '../evidence/present-evidence.js';
import type { LoadedCase } from './load-case.js';
import { flagsOf } from './procedure.js';
import { playbookOfCase } from './playbook-store.js';

type CaseJson = z.infer<typeof caseSchema>;
type TaskJson = z.infer<typeof taskSchema>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentTask(
  t: Selectable<TasksTable>,
  definition: PlaybookDefinition,
  locale: Locale,
  names: ReadonlyMap<string, string>,
): TaskJson {
  const step = definition.steps.find((s) => s.key === t.step_key);
  return {
    id: t.id,
    caseId: t.case_id,
    stepKey: t.step_key,
    role: t.role,
    title: step?.title[locale] ?? t.step_key,
    guidance: step?.guidance[locale] ?? '',
    status: t.status,
    dueAt: iso(t.due_at),
    activatedAt: iso(t.activated_at),
    assigneeUserId: t.assignee_user_id,
    assigneeName: t.assignee_user_id ? (names.get(t.assignee_user_id) ?? null) : null,
    completedAt: iso(t.completed_at),
    completedBySystem: t.completion_source === 'system',
    locationId: t.location_id,
    occurrence: t.occurrence,
    note: t.note,
    naReason: t.na_reason,
    completion: step?.completion ?? 'manual',
  };
}

export async function userNames(db: Queryable, ids: Iterable<string>): Promise<Map<string, string>> {
  const list = [...new Set(ids)];
  if (list.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', list).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

export async function presentTasks(db: Queryable, loaded: LoadedCase, locale: Locale): Promise<TaskJson[]> {
  const [{ definition }, tasks] = await Promise.all([playbookOfCase(db, loaded.row.playbook_id), listCaseTasks(db, loaded.row.id)]);
  const names = await userNames(db, tasks.map((t) => t.assignee_user_id).filter((x): x is string => x !== null));
  return tasks.map((t) => presentTask(t, definition, locale, names));
}

export async function presentCase(db: Queryable, loaded: LoadedCase, locale: Locale): Promise<CaseJson> {
  const { row, access } = loaded;
  const [playbook, tasks, locations, participants, consents, person, unit] = await Promise.all([
    playbookOfCase(db, row.playbook_id),
    listCaseTasks(db, row.id),
    listLocations(db, row.id),
    listParticipants(db, row.id),
    latestConsents(db, row.id),
    db.selectFrom('persons').select(['full_name']).where('id', '=', row.affected_person_id).executeTakeFirstOrThrow(),
    row.unit_id ? db.selectFrom('units').select(['name']).where('id', '=', row.unit_id).executeTakeFirst() : Promise.resolve(undefined),
  ]);
  const names = new Map(participants.map((p) => [p.user_id, p.display_name]));
  const status = row.status as CaseStatus;
  return {
    id: row.id,
    reference: row.reference,
    status,
    summary: row.summary,
    flags: flagsOf(row),
    occurredAt: iso(row.occurred_at),
    affectedPersonId: row.affected_person_id,
    affectedPersonName: person.full_name,
    unitId: row.unit_id,
    unitName: unit?.name ?? null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    closedAt: iso(row.closed_at),
    playbookVersion: playbook.version,
    version: row.version,
    locations: locations.map((l) => ({
      id: l.id,
      url: l.url,
      host: l.host,
      providerId: l.provider_id,
      status: l.status,
      firstSeenAt: iso(l.first_seen_at),
      lastCheckedAt: iso(l.last_checked_at),
    })),
    tasks: tasks.map((t) => presentTask(t, playbook.definition, locale, names)),
    participants: participants.map((p) => ({ userId: p.user_id, displayName: p.display_name, role: p.role, joinedAt: p.joined_at.toISOString(), reason: p.reason })),
    consents: consents.map((c) => ({ purpose: c.purpose, granted: c.granted, recordedAt: c.recorded_at.toISOString() })),
    evidence: await caseEvidenceSummary(db, row.id, access, consents),
    viewer: {
      access: access.kind,
      roles: access.roles,
      canEditFacts: canEditFacts(access),
      canChangeStatus: canChangeStatus(access),
      canManageParticipants: canManageParticipants(access),
      nextStatuses: canChangeStatus(access) ? nextStatuses(status) : [],
    },
  };
}
