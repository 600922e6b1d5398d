// "My tasks": open tasks across the caller's visible cases, assigned to them or to a role they
// take part in, sorted by due time (no due time last).
import { sql } from 'kysely';
import type { z } from 'zod';
import type { myTaskSchema } from '../../contract/cases.js';
import type { Locale } from '../../locales/index.js';
import type { Principal } from '../auth/principal.js';
import type { AppContext } from '../context.js';
import { playbookOfCase } from './playbook-store.js';
import { presentTask, userNames } from './present.js';

export async function listMyTasks(ctx: Pick<AppContext, 'db'>, input: { actor: Principal; locale: Locale; limit?: number }): Promise<Array<z.infer<typeof myTaskSchema>>> {
  const { actor } = input;
  const rows = await ctx.db
    .selectFrom('tasks as t')
    .innerJoin('cases as c', 'c.id', 't.case_id')
    .selectAll('t')
    .select(['c.reference', 'c.status as case_status', 'c.playbook_id'])
    .where('c.organisation_id', '=', actor.organisationId)
    .where('t.status', '=', 'open')
    .where('c.status', '!=', 'closed')
    .where((eb) =>
      eb.or([
        eb('t.assignee_user_id', '=', actor.userId),
        eb.and([
          eb('t.assignee_user_id', 'is', null),
          eb.exists(
            eb
              .selectFrom('case_participants as cp')
              .select(sql`1`.as('one'))
              .whereRef('cp.case_id', '=', 'c.id')
              .where('cp.user_id', '=', actor.userId)
              .where('cp.removed_at', 'is', null)
              .where((e2) => e2.or([e2('cp.role', '=', e2.ref('t.role')), e2('t.role', '=', 'any')])),
          ),
        ]),
      ]),
    )
    .orderBy(sql`t.due_at asc nulls last`)
    .limit(input.limit ?? 200)
    .execute();
  const names = await userNames(ctx.db, rows.map((r) => r.assignee_user_id).filter((x): x is string => x !== null));
  const out: Array<z.infer<typeof myTaskSchema>> = [];
  for (const r of rows) {
    const { definition } = await playbookOfCase(ctx.db, r.playbook_id);
    out.push({ ...presentTask(r, definition, input.locale, names), caseReference: r.reference, caseStatus: r.case_status as z.infer<typeof myTaskSchema>['caseStatus'] });
  }
  return out;
}
