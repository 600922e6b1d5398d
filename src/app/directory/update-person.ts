// Editing a directory entry. The person's login (if any) keeps its own e-mail and display name:
// changing how someone signs in is a separate, explicit action (updateUser, with both
// addresses told).
import { appendLedger } from '../../adapters/db/ledger.js';
import { findPerson, type PersonValues, updatePerson as storePerson } from '../../adapters/db/persons.js';
import type { Person, UpdatePersonInput } from '../../contract/directory.js';
import type { AppContext } from '../context.js';
import type { DirectoryActor } from './actor.js';
import { inTransaction, notFound } from './errors.js';
import { checkReferences } from './references.js';

export async function updatePerson(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  { actor, personId, input }: { actor: DirectoryActor; personId: string; input: UpdatePersonInput },
): Promise<Person> {
  const now = ctx.clock.now();
  return inTransaction(ctx.db, async (tx) => {
    const current = await findPerson(tx, actor.organisationId, personId);
    if (!current) throw notFound();
    await checkReferences(tx, actor, input);
    const wanted: Partial<PersonValues> = {
      ...input,
      ...(input.email !== undefined ? { email: input.email.trim().toLowerCase() } : {}),
    };
    const patch: Partial<PersonValues> = {};
    for (const key of Object.keys(wanted) as Array<keyof PersonValues>) {
      const value = wanted[key];
      if (value !== undefined && value !== current[key]) Object.assign(patch, { [key]: value });
    }
    const fields = Object.keys(patch);
    if (fields.length === 0) return current;
    await storePerson(tx, actor.organisationId, personId, patch, now);
    await appendLedger(tx, {
      action: 'person.updated',
      at: now,
      actorId: actor.userId,
      organisationId: actor.organisationId,
      subject: { type: 'person', id: personId },
      data: {
        fields,
        ...(patch.unitId !== undefined ? { unitId: patch.unitId } : {}),
        ...(patch.associationId !== undefined ? { associationId: patch.associationId } : {}),
      },
    });
    const saved = await findPerson(tx, actor.organisationId, personId);
    if (!saved) throw notFound();
    return saved;
  });
}
