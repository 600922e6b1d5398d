import { listUsers as queryUsers } from '../../adapters/db/admin-users.js';
import type { ListUsersInput, UserPage } from '../../contract/directory.js';
import type { AppContext } from '../context.js';
import type { DirectoryActor } from './actor.js';
import { encodeCursor, pageRequest } from './page-cursor.js';

export async function listUsers(
  ctx: Pick<AppContext, 'db'>,
  { actor, query }: { actor: DirectoryActor; query: ListUsersInput },
): Promise<UserPage> {
  const page = pageRequest(actor.locale, query);
  const rows = await queryUsers(ctx.db, actor.organisationId, query, page);
  return { items: rows.items, total: rows.total, nextCursor: encodeCursor(rows.last) };
}
