// Queries on persons (the staff directory). Lists are ordered by folded name then id, so the
// keyset cursor (key, id) pages through thousands of staff without OFFSET scans.
import { sql } from 'kysely';
import type { Person } from '../../contract/directory.js';
import type { Queryable, Tx } from './database.js';
import { containsPattern, foldSql } from './text-search.js';

export interface PageRequest {
  limit: number;
  offset?: number | undefined;
  /** Continue after this (sort key, id). */
  after?: { key: string; id: string } | undefined;
}

export interface PageRows<T> {
  items: T[];
  total: number;
  /** Sort key and id of the last item when another page follows. */
  last: { key: string; id: string } | null;
}

const personColumns = [
  'persons.id',
  'persons.full_name',
  'persons.email',
  'persons.unit_id',
  'persons.job_title',
  'persons.association_id',
  'persons.employee_number',
  'persons.preferred_locale',
  'persons.created_at',
  'persons.updated_at',
] as const;

type PersonRow = {
  id: string;
  full_name: string;
  email: string;
  unit_id: string | null;
  job_title: string;
  association_id: string | null;
  employee_number: string | null;
  preferred_locale: string;
  created_at: Date;
  updated_at: Date;
  user_id: string | null;
};

function toPerson(r: PersonRow): Person {
  return {
    id: r.id,
    fullName: r.full_name,
    email: r.email,
    unitId: r.unit_id,
    jobTitle: r.job_title,
    associationId: r.association_id,
    employeeNumber: r.employee_number,
    preferredLocale: r.preferred_locale === 'en' ? 'en' : 'fr-CA',
    userId: r.user_id,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

function selectPersons(db: Queryable, organisationId: string) {
  return db.selectFrom('persons').leftJoin('users', 'users.person_id', 'persons.id').where('persons.organisation_id', '=', organisationId);
}

export interface PersonFilters {
  q?: string | undefined;
  unitId?: string | undefined;
  associationId?: string | undefined;
  hasLogin?: boolean | undefined;
}

function filtered(db: Queryable, organisationId: string, f: PersonFilters) {
  let q = selectPersons(db, organisationId);
  if (f.unitId) q = q.where('persons.unit_id', '=', f.unitId);
  if (f.associationId) q = q.where('persons.association_id', '=', f.associationId);
  if (f.hasLogin !== undefined) q = q.where('users.id', f.hasLogin ? 'is not' : 'is', null);
  if (f.q) {
    const pattern = containsPattern(f.q);
    q = q.where((eb) =>
      eb.or([
        eb(foldSql('persons.full_name'), 'like', pattern),
        eb(sql<string>`lower(persons.email)`, 'like', pattern),
        eb(foldSql('persons.employee_number'), 'like', pattern),
      ]),
    );
  }
  return q;
}

export async function listPersons(db: Queryable, organisationId: string, f: PersonFilters, page: PageRequest): Promise<PageRows<Person>> {
  const sortKey = foldSql('persons.full_name');
  let q = filtered(db, organisationId, f).select(personColumns).select(['users.id as user_id']).select(sortKey.as('sort_key'));
  if (page.after) q = q.where(sql<boolean>`(${sortKey}, persons.id) > (${page.after.key}, ${page.after.id}::uuid)`);
  q = q
    .orderBy(sortKey)
    .orderBy('persons.id')
    .limit(page.limit + 1);
  if (page.offset) q = q.offset(page.offset);
  const [rows, count] = await Promise.all([
    q.execute(),
    filtered(db, organisationId, f)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  const more = rows.length > page.limit;
  const items = rows.slice(0, page.limit);
  const lastRow = items.at(-1);
  return { items: items.map(toPerson), total: Number(count.n), last: more && lastRow ? { key: lastRow.sort_key, id: lastRow.id } : null };
}

export async function findPerson(db: Queryable, organisationId: string, id: string): Promise<Person | undefined> {
  const r = await selectPersons(db, organisationId)
    .select(personColumns)
    .select(['users.id as user_id'])
    .where('persons.id', '=', id)
    .executeTakeFirst();
  return r ? toPerson(r) : undefined;
}

/** The person's login, if any, with its status (deleting a person with an active login is refused). */
export async function findLoginOfPerson(db: Queryable, personId: string) {
  return db.selectFrom('users').select(['id', 'status']).where('person_id', '=', personId).executeTakeFirst();
}

export interface PersonValues {
  fullName: string;
  email: string;
  unitId: string | null;
  jobTitle: string;
  associationId: string | null;
  employeeNumber: string | null;
  preferredLocale: 'fr-CA' | 'en';
}

export async function insertPerson(tx: Tx, organisationId: string, v: PersonValues, at: Date): Promise<{ id: string }> {
  return tx
    .insertInto('persons')
    .values({
      organisation_id: organisationId,
      full_name: v.fullName,
      email: v.email,
      unit_id: v.unitId,
      job_title: v.jobTitle,
      association_id: v.associationId,
      employee_number: v.employeeNumber,
      preferred_locale: v.preferredLocale,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function updatePerson(tx: Tx, organisationId: string, id: string, v: Partial<PersonValues>, at: Date): Promise<void> {
  await tx
    .updateTable('persons')
    .set({
      ...(v.fullName !== undefined ? { full_name: v.fullName } : {}),
      ...(v.email !== undefined ? { email: v.email } : {}),
      ...(v.unitId !== undefined ? { unit_id: v.unitId } : {}),
      ...(v.jobTitle !== undefined ? { job_title: v.jobTitle } : {}),
      ...(v.associationId !== undefined ? { association_id: v.associationId } : {}),
      ...(v.employeeNumber !== undefined ? { employee_number: v.employeeNumber } : {}),
      ...(v.preferredLocale !== undefined ? { preferred_locale: v.preferredLocale } : {}),
      updated_at: at,
    })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .execute();
}

export async function deletePerson(tx: Tx, organisationId: string, id: string): Promise<boolean> {
  const r = await tx.deleteFrom('persons').where('organisation_id', '=', organisationId).where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Another person of the organisation already using this e-mail (case-insensitive) or employee number. */
export async function findPersonConflicts(
  db: Queryable,
  organisationId: string,
  v: { email?: string; employeeNumber?: string | null },
  exceptId?: string,
) {
  const conditions: Array<'email' | 'employeeNumber'> = [];
  if (v.email) {
    let q = db
      .selectFrom('persons')
      .select('id')
      .where('organisation_id', '=', organisationId)
      .where(sql<boolean>`lower(email) = ${v.email.toLowerCase()}`);
    if (exceptId) q = q.where('id', '!=', exceptId);
    if (await q.executeTakeFirst()) conditions.push('email');
  }
  if (v.employeeNumber) {
    let q = db
      .selectFrom('persons')
      .select('id')
      .where('organisation_id', '=', organisationId)
      .where('employee_number', '=', v.employeeNumber);
    if (exceptId) q = q.where('id', '!=', exceptId);
    if (await q.executeTakeFirst()) conditions.push('employeeNumber');
  }
  return conditions;
}

export async function findPersonByEmail(db: Queryable, organisationId: string, email: string) {
  return db
    .selectFrom('persons')
    .select(['id', 'full_name', 'email', 'preferred_locale'])
    .where('organisation_id', '=', organisationId)
    .where(sql<boolean>`lower(email) = ${email.trim().toLowerCase()}`)
    .executeTakeFirst();
}

// --- CSV import: two queries to read, one statement per 2 000 rows to write -----------------

export interface ImportedPersonRow {
  id: string;
  fullName: string;
  email: string;
  unitId: string | null;
  jobTitle: string;
  associationId: string | null;
  employeeNumber: string | null;
  preferredLocale: string;
}

/** Persons whose e-mail or employee number appears in the file. */
export async function findPersonsForImport(
  db: Queryable,
  organisationId: string,
  emails: string[],
  numbers: string[],
): Promise<ImportedPersonRow[]> {
  if (emails.length === 0 && numbers.length === 0) return [];
  const rows = await db
    .selectFrom('persons')
    .select(['id', 'full_name', 'email', 'unit_id', 'job_title', 'association_id', 'employee_number', 'preferred_locale'])
    .where('organisation_id', '=', organisationId)
    .where((eb) =>
      eb.or([
        eb(sql<string>`lower(email)`, '=', sql<string>`any(${emails}::text[])`),
        eb('employee_number', '=', sql<string>`any(${numbers}::text[])`),
      ]),
    )
    .execute();
  return rows.map((r) => ({
    id: r.id,
    fullName: r.full_name,
    email: r.email,
    unitId: r.unit_id,
    jobTitle: r.job_title,
    associationId: r.association_id,
    employeeNumber: r.employee_number,
    preferredLocale: r.preferred_locale,
  }));
}

const BATCH = 2000;

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += BATCH) out.push(items.slice(i, i + BATCH));
  return out;
}

type BatchRow = Omit<PersonValues, 'preferredLocale'> & { preferredLocale: string };

export async function insertPersonsBatch(tx: Tx, organisationId: string, rows: BatchRow[], at: Date): Promise<number> {
  let inserted = 0;
  for (const chunk of chunks(rows)) {
    const json = JSON.stringify(
      chunk.map((r) => ({
        full_name: r.fullName,
        email: r.email,
        unit_id: r.unitId,
        job_title: r.jobTitle,
        association_id: r.associationId,
        employee_number: r.employeeNumber,
        preferred_locale: r.preferredLocale,
      })),
    );
    const result = await sql`
      insert into persons (organisation_id, full_name, email, unit_id, job_title, association_id, employee_number, preferred_locale, created_at, updated_at)
      select ${organisationId}::uuid, v.full_name, v.email, v.unit_id, v.job_title, v.association_id, v.employee_number, v.preferred_locale, ${at}, ${at}
      from jsonb_to_recordset(${json}::jsonb) as v(full_name text, email text, unit_id uuid, job_title text, association_id uuid, employee_number text, preferred_locale text)
    `.execute(tx);
    inserted += Number(result.numAffectedRows ?? 0);
  }
  return inserted;
}

export async function updatePersonsBatch(
  tx: Tx,
  organisationId: string,
  rows: Array<BatchRow & { id: string }>,
  at: Date,
): Promise<number> {
  let updated = 0;
  for (const chunk of chunks(rows)) {
    const json = JSON.stringify(
      chunk.map((r) => ({
        id: r.id,
        full_name: r.fullName,
        email: r.email,
        unit_id: r.unitId,
        job_title: r.jobTitle,
        association_id: r.associationId,
        employee_number: r.employeeNumber,
        preferred_locale: r.preferredLocale,
      })),
    );
    const result = await sql`
      update persons p set
        full_name = v.full_name, email = v.email, unit_id = v.unit_id, job_title = v.job_title,
        association_id = v.association_id, employee_number = v.employee_number,
        preferred_locale = v.preferred_locale, updated_at = ${at}
      from jsonb_to_recordset(${json}::jsonb) as v(id uuid, full_name text, email text, unit_id uuid, job_title text, association_id uuid, employee_number text, preferred_locale text)
      where p.id = v.id and p.organisation_id = ${organisationId}::uuid
    `.execute(tx);
    updated += Number(result.numAffectedRows ?? 0);
  }
  return updated;
}
