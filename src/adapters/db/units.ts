// Queries on units (schools and services) of an organisation.
import type { Unit } from '../../contract/directory.js';
import type { Queryable, Tx } from './database.js';

type UnitRow = {
  id: string;
  name: string;
  kind: 'school' | 'service';
  code: string | null;
  created_at: Date;
  person_count: string | number | bigint;
};

function toUnit(r: UnitRow): Unit {
  return { id: r.id, name: r.name, kind: r.kind, code: r.code, personCount: Number(r.person_count), createdAt: r.created_at.toISOString() };
}

function selectUnits(db: Queryable, organisationId: string) {
  return db
    .selectFrom('units')
    .select(['units.id', 'units.name', 'units.kind', 'units.code', 'units.created_at'])
    .select((eb) =>
      eb
        .selectFrom('persons')
        .select((e) => e.fn.countAll<string>().as('n'))
        .whereRef('persons.unit_id', '=', 'units.id')
        .as('person_count'),
    )
    .where('units.organisation_id', '=', organisationId);
}

export async function listUnits(db: Queryable, organisationId: string): Promise<Unit[]> {
  const rows = await selectUnits(db, organisationId).orderBy('units.name').orderBy('units.id').execute();
  return rows.map((r) => toUnit({ ...r, person_count: r.person_count ?? 0 }));
}

export async function findUnit(db: Queryable, organisationId: string, id: string): Promise<Unit | undefined> {
  const r = await selectUnits(db, organisationId).where('units.id', '=', id).executeTakeFirst();
  return r ? toUnit({ ...r, person_count: r.person_count ?? 0 }) : undefined;
}

/** Id, name and code of every unit, for resolving CSV and CLI references. */
export async function listUnitRefs(db: Queryable, organisationId: string) {
  return db.selectFrom('units').select(['id', 'name', 'code']).where('organisation_id', '=', organisationId).execute();
}

export async function unitExists(db: Queryable, organisationId: string, id: string): Promise<boolean> {
  return (
    (await db.selectFrom('units').select('id').where('organisation_id', '=', organisationId).where('id', '=', id).executeTakeFirst()) !==
    undefined
  );
}

export async function insertUnit(
  tx: Tx,
  u: { organisationId: string; name: string; kind: 'school' | 'service'; code: string | null; at: Date },
) {
  return tx
    .insertInto('units')
    .values({ organisation_id: u.organisationId, name: u.name, kind: u.kind, code: u.code, created_at: u.at })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function updateUnit(
  tx: Tx,
  organisationId: string,
  id: string,
  patch: { name?: string; kind?: 'school' | 'service'; code?: string | null },
) {
  if (Object.keys(patch).length === 0) return;
  await tx.updateTable('units').set(patch).where('organisation_id', '=', organisationId).where('id', '=', id).execute();
}

export async function deleteUnit(tx: Tx, organisationId: string, id: string): Promise<boolean> {
  const r = await tx.deleteFrom('units').where('organisation_id', '=', organisationId).where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** What still points at a unit: deleting it would unassign these persons and drop these grants. */
export async function countUnitReferences(db: Queryable, id: string): Promise<{ persons: number; grants: number }> {
  const [p, g] = await Promise.all([
    db
      .selectFrom('persons')
      .select((e) => e.fn.countAll<string>().as('n'))
      .where('unit_id', '=', id)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('role_grants')
      .select((e) => e.fn.countAll<string>().as('n'))
      .where('unit_id', '=', id)
      .executeTakeFirstOrThrow(),
  ]);
  return { persons: Number(p.n), grants: Number(g.n) };
}
