// A person with an active login is not deleted: the login would keep working without a
// directory entry. Once the login is disabled, the entry can go (the login is unlinked).
import { appendLedger } from '../../adapters/db/ledger.js';
import { deletePerson as removePerson, findLoginOfPerson, findPerson } from '../../adapters/db/persons.js';
import { DomainError } from '../../domain/errors.js';
import type { AppContext } from '../context.js';
import type { DirectoryActor } from './actor.js';
import { inTransaction, notFound } from './errors.js';

export async function deletePerson(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  { actor, personId }: { actor: DirectoryActor; personId: string },
): Promise<void> {
  await inTransaction(ctx.db, async (tx) => {
    if (!(await findPerson(tx, actor.organisationId, personId))) throw notFound();
    const login = await findLoginOfPerson(tx, personId);
    if (login?.status === 'active') throw new DomainError('conflict', { messageKey: 'directory.error.person_has_active_login' });
    await removePerson(tx, actor.organisationId, personId);
    await appendLedger(tx, {
      action: 'person.deleted',
      at: ctx.clock.now(),
      actorId: actor.userId,
      organisationId: actor.organisationId,
      subject: { type: 'person', id: personId },
      data: { userId: login?.id ?? null },
    });
  });
}
