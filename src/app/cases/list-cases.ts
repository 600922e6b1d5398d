// GET /cases: only the cases the caller may see (affected person, participant, unexpired grant),
// newest first, with open and overdue task counts. Keyset pagination on (created_at, id).
import { sql } from 'kysely';
import type { z } from 'zod';
import type { listCasesQuery, listCasesResponse } from '../../contract/cases.js';
import { DomainError } from '../../domain/errors.js';
import type { Principal } from '../auth/principal.js';
import type { AppContext } from '../context.js';

function decodeCursor(cursor: string | undefined): { at: Date; id: string } | undefined {
  if (!cursor) return undefined;
  try {
    const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
    const date = new Date(at ?? '');
    if (!id || Number.isNaN(date.getTime()) || !/^[0-9a-f-]{36}$/.test(id)) throw new Error('bad');
    return { at: date, id };
  } catch {
    throw new DomainError('invalid_input', { fields: [{ path: 'cursor', message: 'field.invalid' }] });
  }
}

export async function listCases(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  input: { actor: Principal; query: z.infer<typeof listCasesQuery> },
): Promise<z.infer<typeof listCasesResponse>> {
  const { actor, query } = input;
  const now = ctx.clock.now();
  const after = decodeCursor(query.cursor);
  let q = ctx.db
    .selectFrom('cases as c')
    .innerJoin('persons as p', 'p.id', 'c.affected_person_id')
    .leftJoin('units as u', 'u.id', 'c.unit_id')
    .select([
      'c.id',
      'c.reference',
      'c.status',
      'c.summary',
      'c.created_at',
      'c.updated_at',
      'p.full_name',
      'u.name as unit_name',
      sql<number>`(select count(*) from tasks t where t.case_id = c.id and t.status = 'open')::int`.as('open_tasks'),
      sql<number>`(select count(*) from tasks t where t.case_id = c.id and t.status = 'open' and t.due_at < ${now})::int`.as('overdue_tasks'),
      sql<Date | null>`(select min(t.due_at) from tasks t where t.case_id = c.id and t.status = 'open')`.as('next_due_at'),
    ])
    .where('c.organisation_id', '=', actor.organisationId)
    .where((eb) => {
      const visible = [
        eb.exists(
          eb
            .selectFrom('case_participants as cp')
            .select(sql`1`.as('one'))
            .whereRef('cp.case_id', '=', 'c.id')
            .where('cp.user_id', '=', actor.userId)
            .where('cp.removed_at', 'is', null)
            .where('cp.role', 'not in', ['committee', 'admin']),
        ),
        eb.exists(
          eb
            .selectFrom('case_access_grants as g')
            .select(sql`1`.as('one'))
            .whereRef('g.case_id', '=', 'c.id')
            .where('g.user_id', '=', actor.userId)
            .where('g.revoked_at', 'is', null)
            .where('g.expires_at', '>', now),
        ),
      ];
      if (actor.personId) visible.push(eb('c.affected_person_id', '=', actor.personId));
      return eb.or(visible);
    });
  if (query.status) q = q.where('c.status', '=', query.status);
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    q = q.where((eb) => eb.or([eb('c.reference', 'ilike', like), eb('c.summary', 'ilike', like), eb('p.full_name', 'ilike', like)]));
  }
  if (after) q = q.where((eb) => eb.or([eb('c.created_at', '<', after.at), eb.and([eb('c.created_at', '=', after.at), eb('c.id', '<', after.id)])]));
  const rows = await q.orderBy('c.created_at', 'desc').orderBy('c.id', 'desc').limit(query.limit + 1).execute();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      id: r.id,
      reference: r.reference,
      status: r.status as z.infer<typeof listCasesResponse>['items'][number]['status'],
      summary: r.summary.length > 280 ? `${r.summary.slice(0, 277)}…` : r.summary,
      affectedPersonName: r.full_name,
      unitName: r.unit_name,
      createdAt: r.created_at.toISOString(),
      updatedAt: r.updated_at.toISOString(),
      openTasks: r.open_tasks,
      overdueTasks: r.overdue_tasks,
      nextDueAt: r.next_due_at ? new Date(r.next_due_at).toISOString() : null,
    })),
    nextCursor: rows.length > query.limit && last ? Buffer.from(`${last.created_at.toISOString()}|${last.id}`).toString('base64url') : null,
  };
}
