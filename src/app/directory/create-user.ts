// Creates a login for a person of the directory (an existing one, or a new one created with it),
// with optional initial grants. Without a password the user cannot sign in until an
// administrator sets one (`rempart user reset-password`).
import { findUserInOrganisation, insertUser } from '../../adapters/db/admin-users.js';
import { appendLedger } from '../../adapters/db/ledger.js';
import { lockOrganisation } from '../../adapters/db/organisations.js';
import { findPerson } from '../../adapters/db/persons.js';
import type { CreateUserInput, Person, User } from '../../contract/directory.js';
import { MIN_PASSWORD_LENGTH, passwordLength } from '../../domain/auth/password-policy.js';
import { DomainError } from '../../domain/errors.js';
import type { AppContext } from '../context.js';
import type { DirectoryActor } from './actor.js';
import { checkGrantScope, insertDirectoryGrant } from './add-grant.js';
import { insertDirectoryPerson } from './create-person.js';
import { inTransaction, invalidFields } from './errors.js';

export async function createUser(
  ctx: Pick<AppContext, 'db' | 'clock' | 'passwords'>,
  { actor, input }: { actor: DirectoryActor; input: CreateUserInput },
): Promise<User> {
  if ((input.personId === undefined) === (input.person === undefined)) {
    throw invalidFields(actor.locale, [{ path: 'personId', key: 'directory.error.person_or_person_id' }]);
  }
  if (input.password !== undefined && passwordLength(input.password) < MIN_PASSWORD_LENGTH) {
    throw invalidFields(actor.locale, [{ path: 'password', key: 'error.password_too_short', params: { min: MIN_PASSWORD_LENGTH } }]);
  }
  const grants = input.grants ?? [];
  for (const [i, g] of grants.entries()) checkGrantScope(actor, g, `grants.${i}.`);
  // Hashing is deliberately slow: done before the transaction opens.
  const passwordHash = input.password !== undefined ? await ctx.passwords.hash(input.password) : null;
  const now = ctx.clock.now();

  return inTransaction(ctx.db, async (tx) => {
    await lockOrganisation(tx, actor.organisationId);
    let person: Person;
    if (input.personId !== undefined) {
      const found = await findPerson(tx, actor.organisationId, input.personId);
      if (!found) throw invalidFields(actor.locale, [{ path: 'personId', key: 'directory.error.person_not_found' }]);
      if (found.userId) throw new DomainError('conflict', { messageKey: 'directory.error.person_has_login' });
      person = found;
    } else {
      person = await insertDirectoryPerson(tx, actor, input.person as NonNullable<CreateUserInput['person']>, now, 'person.');
    }
    const { id } = await insertUser(tx, {
      organisationId: actor.organisationId,
      personId: person.id,
      email: person.email,
      displayName: input.displayName ?? person.fullName,
      passwordHash,
      locale: input.locale ?? person.preferredLocale,
      at: now,
    });
    await appendLedger(tx, {
      action: 'user.created',
      at: now,
      actorId: actor.userId,
      organisationId: actor.organisationId,
      subject: { type: 'user', id },
      data: { personId: person.id, hasPassword: passwordHash !== null },
    });
    for (const [i, g] of grants.entries()) await insertDirectoryGrant(tx, actor, id, g, now, `grants.${i}.`);
    const user = await findUserInOrganisation(tx, actor.organisationId, id);
    if (!user) throw new Error('user vanished');
    return user;
  });
}
