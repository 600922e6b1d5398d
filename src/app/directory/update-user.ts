// Display name, sign-in address, language and status of a login. Disabling signs the user out
// everywhere (their sessions are revoked; API tokens stop working while the account is
// disabled). A new sign-in address voids any password-reset link mailed to the old one, and
// both addresses are told (the old one first: that is how a takeover is noticed).
import { findUserInOrganisation, updateUser as storeUser } from '../../adapters/db/admin-users.js';
import { appendLedger } from '../../adapters/db/ledger.js';
import { deleteUnusedPasswordResets } from '../../adapters/db/password-resets.js';
import { revokeUserSessions } from '../../adapters/db/sessions.js';
import type { UpdateUserInput, User } from '../../contract/directory.js';
import { DomainError } from '../../domain/errors.js';
import type { AppContext } from '../context.js';
import { dispatchMail, queueMail } from '../mail/send-mail.js';
import type { DirectoryActor } from './actor.js';
import { inTransaction, notFound } from './errors.js';

export async function updateUser(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config' | 'mailer' | 'log'>,
  { actor, userId, input }: { actor: DirectoryActor; userId: string; input: UpdateUserInput },
): Promise<User> {
  const now = ctx.clock.now();
  const mails: string[] = [];
  const saved = await inTransaction(ctx.db, async (tx) => {
    const current = await findUserInOrganisation(tx, actor.organisationId, userId);
    if (!current) throw notFound();
    if (input.status === 'disabled' && userId === actor.userId)
      throw new DomainError('conflict', { messageKey: 'directory.error.cannot_disable_self' });
    const patch: { displayName?: string; email?: string; status?: 'active' | 'disabled'; locale?: 'fr-CA' | 'en' } = {};
    if (input.displayName !== undefined && input.displayName !== current.displayName) patch.displayName = input.displayName;
    const newEmail = input.email?.trim().toLowerCase();
    if (newEmail !== undefined && newEmail !== current.email.toLowerCase()) patch.email = newEmail;
    if (input.status !== undefined && input.status !== current.status) patch.status = input.status;
    if (input.locale !== undefined && input.locale !== current.locale) patch.locale = input.locale;
    const fields = Object.keys(patch);
    if (fields.length === 0) return current;
    await storeUser(tx, actor.organisationId, userId, patch);
    const sessionsRevoked = patch.status === 'disabled' ? await revokeUserSessions(tx, userId, now) : 0;
    if (patch.email !== undefined) {
      await deleteUnusedPasswordResets(tx, userId);
      const locale = patch.locale ?? current.locale;
      for (const to of [current.email, patch.email]) {
        const { id } = await queueMail(tx, ctx, {
          to: { email: to, locale },
          template: 'login_email_changed',
          params: {},
          organisationId: actor.organisationId,
          actorId: actor.userId,
        });
        mails.push(id);
      }
    }
    await appendLedger(tx, {
      action: patch.status === 'disabled' ? 'user.disabled' : patch.status === 'active' ? 'user.enabled' : 'user.updated',
      at: now,
      actorId: actor.userId,
      organisationId: actor.organisationId,
      subject: { type: 'user', id: userId },
      data: { fields, ...(patch.status === 'disabled' ? { sessionsRevoked } : {}) },
    });
    const after = await findUserInOrganisation(tx, actor.organisationId, userId);
    if (!after) throw notFound();
    return after;
  });
  for (const id of mails) dispatchMail(ctx, id);
  return saved;
}
