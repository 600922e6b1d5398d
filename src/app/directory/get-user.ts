import { findUserInOrganisation } from '../../adapters/db/admin-users.js';
import type { User } from '../../contract/directory.js';
import type { AppContext } from '../context.js';
import type { DirectoryActor } from './actor.js';
import { notFound } from './errors.js';

export async function getUser(ctx: Pick<AppContext, 'db'>, { actor, userId }: { actor: DirectoryActor; userId: string }): Promise<User> {
  const user = await findUserInOrganisation(ctx.db, actor.organisationId, userId);
  if (!user) throw notFound();
  return user;
}
