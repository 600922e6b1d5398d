import { listPersons as queryPersons } from '../../adapters/db/persons.js';
import type { ListPersonsInput, PersonPage } from '../../contract/directory.js';
import type { AppContext } from '../context.js';
import type { DirectoryActor } from './actor.js';
import { encodeCursor, pageRequest } from './page-cursor.js';

export async function listPersons(
  ctx: Pick<AppContext, 'db'>,
  { actor, query }: { actor: DirectoryActor; query: ListPersonsInput },
): Promise<PersonPage> {
  const page = pageRequest(actor.locale, query);
  const rows = await queryPersons(ctx.db, actor.organisationId, query, page);
  return { items: rows.items, total: rows.total, nextCursor: encodeCursor(rows.last) };
}
