// POST /tokens: a personal API token for the extension, the CLI or an integration. The secret
// is returned once; only its SHA-256 is stored.
import { insertApiToken } from '../../adapters/db/api-tokens.js';
import { appendLedger } from '../../adapters/db/ledger.js';
import { newApiToken, secretDigest } from '../../domain/auth/secrets.js';
import { DomainError } from '../../domain/errors.js';
import type { AppContext } from '../context.js';
import { assertSession, type Principal } from './principal.js';

/** Live tokens per user: enough for every device and integration, bounded against misuse. */
export const MAX_LIVE_TOKENS = 25;

export interface CreatedApiToken {
  id: string;
  token: string;
  label: string;
  prefix: string;
  createdAt: string;
}

export async function createApiToken(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  input: { actor: Principal; label: string },
): Promise<CreatedApiToken> {
  const { actor } = input;
  assertSession(actor);
  const now = ctx.clock.now();
  const { token, prefix } = newApiToken();
  const label = input.label.trim();
  const row = await ctx.db.transaction().execute(async (tx) => {
    const live = await tx
      .selectFrom('api_tokens')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('user_id', '=', actor.userId)
      .where('revoked_at', 'is', null)
      .executeTakeFirstOrThrow();
    if (Number(live.n) >= MAX_LIVE_TOKENS)
      throw new DomainError('conflict', { messageKey: 'error.token_limit', params: { max: MAX_LIVE_TOKENS } });
    const created = await insertApiToken(tx, {
      userId: actor.userId,
      label,
      tokenHash: secretDigest(token),
      prefix,
      scopes: ['all'],
      at: now,
    });
    await appendLedger(tx, {
      action: 'token.created',
      at: now,
      actorId: actor.userId,
      organisationId: actor.organisationId,
      subject: { type: 'api_token', id: created.id },
      data: { user: actor.userId, scopes: ['all'] },
    });
    return created;
  });
  return { id: row.id, token, label, prefix, createdAt: now.toISOString() };
}
