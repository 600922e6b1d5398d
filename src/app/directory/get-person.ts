import { findPerson } from '../../adapters/db/persons.js';
import type { Person } from '../../contract/directory.js';
import type { AppContext } from '../context.js';
import type { DirectoryActor } from './actor.js';
import { notFound } from './errors.js';

export async function getPerson(
  ctx: Pick<AppContext, 'db'>,
  { actor, personId }: { actor: DirectoryActor; personId: string },
): Promise<Person> {
  const person = await findPerson(ctx.db, actor.organisationId, personId);
  if (!person) throw notFound();
  return person;
}
