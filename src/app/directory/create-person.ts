import type { Tx } from '../../adapters/db/database.js';
import { appendLedger } from '../../adapters/db/ledger.js';
import { findOrganisationSettings } from '../../adapters/db/organisations.js';
import { findPerson, insertPerson } from '../../adapters/db/persons.js';
import type { CreatePersonInput, Person } from '../../contract/directory.js';
import type { AppContext } from '../context.js';
import type { DirectoryActor } from './actor.js';
import { inTransaction } from './errors.js';
import { checkReferences } from './references.js';

/** Inserts a person inside the caller's transaction (also used when creating a user with a new person). */
export async function insertDirectoryPerson(
  tx: Tx,
  actor: DirectoryActor,
  input: CreatePersonInput,
  at: Date,
  fieldPrefix = '',
): Promise<Person> {
  await checkReferences(tx, actor, input, fieldPrefix);
  const org = await findOrganisationSettings(tx, actor.organisationId);
  const { id } = await insertPerson(
    tx,
    actor.organisationId,
    {
      fullName: input.fullName,
      email: input.email.trim().toLowerCase(),
      unitId: input.unitId ?? null,
      jobTitle: input.jobTitle ?? '',
      associationId: input.associationId ?? null,
      employeeNumber: input.employeeNumber ?? null,
      preferredLocale: input.preferredLocale ?? org?.defaultLocale ?? 'fr-CA',
    },
    at,
  );
  await appendLedger(tx, {
    action: 'person.created',
    at,
    actorId: actor.userId,
    organisationId: actor.organisationId,
    subject: { type: 'person', id },
    data: { unitId: input.unitId ?? null, associationId: input.associationId ?? null },
  });
  const person = await findPerson(tx, actor.organisationId, id);
  if (!person) throw new Error('person vanished');
  return person;
}

export async function createPerson(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  { actor, input }: { actor: DirectoryActor; input: CreatePersonInput },
): Promise<Person> {
  const now = ctx.clock.now();
  return inTransaction(ctx.db, (tx) => insertDirectoryPerson(tx, actor, input, now));
}
