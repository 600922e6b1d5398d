// Display name, language and status of a login. Disabling signs the user out everywhere (their
// sessions are revoked; API tokens stop working while the account is disabled).
import { findUserInOrganisation, updateUser as storeUser } from '../../adapters/db/admin-users.js';
import { appendLedger } from '../../adapters/db/ledger.js';
import { revokeUserSessions } from '../../adapters/db/sessions.js';
import type { UpdateUserInput, User } from '../../contract/directory.js';
import { DomainError } from '../../domain/errors.js';
import type { AppContext } from '../context.js';
import type { DirectoryActor } from './actor.js';
import { inTransaction, notFound } from './errors.js';

export async function updateUser(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  { actor, userId, input }: { actor: DirectoryActor; userId: string; input: UpdateUserInput },
): Promise<User> {
  const now = ctx.clock.now();
  return inTransaction(ctx.db, async (tx) => {
    const current = await findUserInOrganisation(tx, actor.organisationId, userId);
    if (!current) throw notFound();
    if (input.status === 'disabled' && userId === actor.userId)
      throw new DomainError('conflict', { messageKey: 'directory.error.cannot_disable_self' });
    const patch: { displayName?: string; status?: 'active' | 'disabled'; locale?: 'fr-CA' | 'en' } = {};
    if (input.displayName !== undefined && input.displayName !== current.displayName) patch.displayName = input.displayName;
    if (input.status !== undefined && input.status !== current.status) patch.status = input.status;
    if (input.locale !== undefined && input.locale !== current.locale) patch.locale = input.locale;
    const fields = Object.keys(patch);
    if (fields.length === 0) return current;
    await storeUser(tx, actor.organisationId, userId, patch);
    const sessionsRevoked = patch.status === 'disabled' ? await revokeUserSessions(tx, userId, now) : 0;
    await appendLedger(tx, {
      action: patch.status === 'disabled' ? 'user.disabled' : patch.status === 'active' ? 'user.enabled' : 'user.updated',
      at: now,
      actorId: actor.userId,
      organisationId: actor.organisationId,
      subject: { type: 'user', id: userId },
      data: { fields, ...(patch.status === 'disabled' ? { sessionsRevoked } : {}) },
    });
    const saved = await findUserInOrganisation(tx, actor.organisationId, userId);
    if (!saved) throw notFound();
    return saved;
  });
}
