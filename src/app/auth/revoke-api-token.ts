// DELETE /tokens/{id}: revokes one of the caller's tokens (a token may revoke itself).
import { revokeApiToken } from '../../adapters/db/api-tokens.js';
import { appendLedger } from '../../adapters/db/ledger.js';
import { DomainError } from '../../domain/errors.js';
import type { AppContext } from '../context.js';
import type { Principal } from './principal.js';

export async function revokeOwnApiToken(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  input: { actor: Principal; tokenId: string },
): Promise<void> {
  const { actor } = input;
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    // Another user's token id answers like an unknown one.
    if (!(await revokeApiToken(tx, actor.userId, input.tokenId, now))) throw new DomainError('not_found');
    await appendLedger(tx, {
      action: 'token.revoked',
      at: now,
      actorId: actor.userId,
      organisationId: actor.organisationId,
      subject: { type: 'api_token', id: input.tokenId },
      data: { user: actor.userId, via: actor.via },
    });
  });
}
