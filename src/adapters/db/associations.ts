// Queries on associations (unions, managers' associations) of an organisation.
import type { Association } from '../../contract/directory.js';
import type { Queryable, Tx } from './database.js';

type AssociationRow = {
  id: string;
  name: string;
  kind: 'union' | 'managers';
  created_at: Date;
  person_count: string | number | bigint | null;
};

function toAssociation(r: AssociationRow): Association {
  return { id: r.id, name: r.name, kind: r.kind, personCount: Number(r.person_count ?? 0), createdAt: r.created_at.toISOString() };
}

function selectAssociations(db: Queryable, organisationId: string) {
  return db
    .selectFrom('associations')
    .select(['associations.id', 'associations.name', 'associations.kind', 'associations.created_at'])
    .select((eb) =>
      eb
        .selectFrom('persons')
        .select((e) => e.fn.countAll<string>().as('n'))
        .whereRef('persons.association_id', '=', 'associations.id')
        .as('person_count'),
    )
    .where('associations.organisation_id', '=', organisationId);
}

export async function listAssociations(db: Queryable, organisationId: string): Promise<Association[]> {
  const rows = await selectAssociations(db, organisationId).orderBy('associations.name').orderBy('associations.id').execute();
  return rows.map(toAssociation);
}

export async function findAssociation(db: Queryable, organisationId: string, id: string): Promise<Association | undefined> {
  const r = await selectAssociations(db, organisationId).where('associations.id', '=', id).executeTakeFirst();
  return r ? toAssociation(r) : undefined;
}

export async function listAssociationRefs(db: Queryable, organisationId: string) {
  return db.selectFrom('associations').select(['id', 'name']).where('organisation_id', '=', organisationId).execute();
}

export async function associationExists(db: Queryable, organisationId: string, id: string): Promise<boolean> {
  return (
    (await db
      .selectFrom('associations')
      .select('id')
      .where('organisation_id', '=', organisationId)
      .where('id', '=', id)
      .executeTakeFirst()) !== undefined
  );
}

export async function insertAssociation(tx: Tx, a: { organisationId: string; name: string; kind: 'union' | 'managers'; at: Date }) {
  return tx
    .insertInto('associations')
    .values({ organisation_id: a.organisationId, name: a.name, kind: a.kind, created_at: a.at })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function updateAssociation(tx: Tx, organisationId: string, id: string, patch: { name?: string; kind?: 'union' | 'managers' }) {
  if (Object.keys(patch).length === 0) return;
  await tx.updateTable('associations').set(patch).where('organisation_id', '=', organisationId).where('id', '=', id).execute();
}

export async function deleteAssociation(tx: Tx, organisationId: string, id: string): Promise<boolean> {
  const r = await tx.deleteFrom('associations').where('organisation_id', '=', organisationId).where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function countAssociationReferences(db: Queryable, id: string): Promise<{ persons: number; grants: number }> {
  const [p, g] = await Promise.all([
    db
      .selectFrom('persons')
      .select((e) => e.fn.countAll<string>().as('n'))
      .where('association_id', '=', id)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('role_grants')
      .select((e) => e.fn.countAll<string>().as('n'))
      .where('association_id', '=', id)
      .executeTakeFirstOrThrow(),
  ]);
  return { persons: Number(p.n), grants: Number(g.n) };
}
