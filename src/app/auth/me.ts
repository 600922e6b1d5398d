import type { z } from 'zod';
import type { meResponse, updateMeBody } from '../../contract/auth.js';
import { appendLedger } from '../../adapters/db/ledger.js';
import type { AppContext } from '../context.js';
import type { Principal } from './principal.js';

export async function getMe(ctx: Pick<AppContext, 'db'>, p: Principal): Promise<z.infer<typeof meResponse>> {
  const org = await ctx.db
    .selectFrom('organisations')
    .select(['id', 'name', 'time_zone', 'default_locale'])
    .where('id', '=', p.organisationId)
    .executeTakeFirstOrThrow();
  const unitIds = [...new Set(p.roles.map((g) => g.unitId).filter((u): u is string => u !== null))];
  const person = p.personId
    ? await ctx.db.selectFrom('persons').select(['unit_id']).where('id', '=', p.personId).executeTakeFirst()
    : undefined;
  if (person?.unit_id && !unitIds.includes(person.unit_id)) unitIds.push(person.unit_id);
  const units = unitIds.length ? await ctx.db.selectFrom('units').select(['id', 'name']).where('id', 'in', unitIds).orderBy('name').execute() : [];
  return {
    id: p.userId,
    email: p.email,
    displayName: p.displayName,
    locale: p.locale,
    personId: p.personId,
    roles: p.roles,
    organisation: { id: org.id, name: org.name, timeZone: org.time_zone, defaultLocale: org.default_locale },
    units,
    totpEnabled: p.totpEnabled,
    mustEnrolTotp: p.mustEnrolTotp,
    via: p.via,
  };
}

export async function updateMe(ctx: Pick<AppContext, 'db' | 'clock'>, p: Principal, input: z.infer<typeof updateMeBody>): Promise<void> {
  if (!input.locale && !input.displayName) return;
  await ctx.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('users')
      .set({ ...(input.locale ? { preferred_locale: input.locale } : {}), ...(input.displayName ? { display_name: input.displayName } : {}) })
      .where('id', '=', p.userId)
      .execute();
    await appendLedger(tx, {
      action: 'user.profile_updated',
      at: ctx.clock.now(),
      actorId: p.userId,
      organisationId: p.organisationId,
      subject: { type: 'user', id: p.userId },
      data: { fields: [input.locale ? 'locale' : null, input.displayName ? 'displayName' : null].filter((x): x is string => x !== null) },
    });
  });
}
