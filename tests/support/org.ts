// A whole organisation with one user per procedure role, for case tests (each test file builds
// its own, with unique e-mails): two schools, a union, and staff in each school.
import type { AppContext } from '../../src/app/context.js';
import { type BuiltUser, buildOrganisation, buildUnit, buildUser } from './builders.js';

export interface TestOrg {
  organisationId: string;
  unitA: string;
  unitB: string;
  unionId: string;
  staffA: BuiltUser;
  staffA2: BuiltUser;
  staffB: BuiltUser;
  supA: BuiltUser;
  supB: BuiltUser;
  dg: BuiltUser;
  hr: BuiltUser;
  it: BuiltUser;
  union: BuiltUser;
  legal: BuiltUser;
  committee: BuiltUser;
  admin: BuiltUser;
}

export async function buildTestOrg(ctx: Pick<AppContext, 'db' | 'clock' | 'passwords'>): Promise<TestOrg> {
  const org = await buildOrganisation(ctx);
  const unitA = (await buildUnit(ctx, org.id)).id;
  const unitB = (await buildUnit(ctx, org.id)).id;
  const union = await ctx.db
    .insertInto('associations')
    .values({ organisation_id: org.id, name: `Syndicat ${org.slug}`, kind: 'union', created_at: ctx.clock.now() })
    .returning('id')
    .executeTakeFirstOrThrow();
  const o = org.id;
  const staffA = await buildUser(ctx, { organisationId: o, unitId: unitA, roles: [{ role: 'staff' }] });
  await ctx.db.updateTable('persons').set({ association_id: union.id }).where('id', '=', staffA.personId).execute();
  return {
    organisationId: o,
    unitA,
    unitB,
    unionId: union.id,
    staffA,
    staffA2: await buildUser(ctx, { organisationId: o, unitId: unitA, roles: [{ role: 'staff' }] }),
    staffB: await buildUser(ctx, { organisationId: o, unitId: unitB, roles: [{ role: 'staff' }] }),
    supA: await buildUser(ctx, { organisationId: o, unitId: unitA, roles: [{ role: 'staff' }, { role: 'supervisor', unitId: unitA, isPrimary: true }] }),
    supB: await buildUser(ctx, { organisationId: o, unitId: unitB, roles: [{ role: 'staff' }, { role: 'supervisor', unitId: unitB, isPrimary: true }] }),
    dg: await buildUser(ctx, { organisationId: o, roles: [{ role: 'general_direction', isPrimary: true }] }),
    hr: await buildUser(ctx, { organisationId: o, roles: [{ role: 'hr', isPrimary: true }] }),
    it: await buildUser(ctx, { organisationId: o, roles: [{ role: 'it', isPrimary: true }] }),
    union: await buildUser(ctx, { organisationId: o, roles: [{ role: 'union', associationId: union.id, isPrimary: true }] }),
    legal: await buildUser(ctx, { organisationId: o, roles: [{ role: 'legal', isPrimary: true }] }),
    committee: await buildUser(ctx, { organisationId: o, roles: [{ role: 'committee' }] }),
    admin: await buildUser(ctx, { organisationId: o, roles: [{ role: 'admin' }] }),
  };
}
