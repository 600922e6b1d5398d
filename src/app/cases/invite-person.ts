// A case opened for a Person without a login gives them one (no password yet) and an e-mail
// inviting them to sign in: the link leads to the first sign-in page, where they ask for a
// set-password link by e-mail (the password reset flow). No secret travels in the invitation.
import type { Tx } from '../../adapters/db/database.js';
import { appendLedger } from '../../adapters/db/ledger.js';
import type { AppContext } from '../context.js';
import { notify } from '../notifications/notify.js';

export async function inviteAffectedPerson(
  tx: Tx,
  ctx: Pick<AppContext, 'clock' | 'config'>,
  input: { personId: string; organisationId: string; caseId: string; actorId: string },
): Promise<string> {
  const now = ctx.clock.now();
  const person = await tx.selectFrom('persons').select(['full_name', 'email', 'preferred_locale']).where('id', '=', input.personId).executeTakeFirstOrThrow();
  const existing = await tx
    .selectFrom('users')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['email']), '=', person.email.toLowerCase()))
    .executeTakeFirst();
  let userId = existing?.id;
  if (!userId) {
    const user = await tx
      .insertInto('users')
      .values({
        organisation_id: input.organisationId,
        person_id: input.personId,
        email: person.email,
        display_name: person.full_name,
        password_hash: null,
        preferred_locale: person.preferred_locale,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    userId = user.id;
    await tx.insertInto('role_grants').values({ user_id: userId, role: 'staff', created_at: now }).execute();
    await appendLedger(tx, {
      action: 'user.invited',
      at: now,
      actorId: input.actorId,
      organisationId: input.organisationId,
      caseId: input.caseId,
      subject: { type: 'user', id: userId },
      data: { personId: input.personId },
    });
  } else {
    await tx.updateTable('users').set({ person_id: input.personId }).where('id', '=', userId).where('person_id', 'is', null).execute();
  }
  await notify(tx, ctx, {
    organisationId: input.organisationId,
    userIds: [userId],
    caseId: input.caseId,
    kind: 'invitation',
    params: {},
    actorId: input.actorId,
    mail: { template: 'invitation', params: { signInUrl: `${ctx.config.publicUrl}/premiere-connexion` } },
  });
  return userId;
}
