// Pairing a capture client (browser extension, installed app) with a user (device authorisation
// as in RFC 8628): the client starts a pairing and shows the user code; the signed-in user types
// it in the web app to approve; the client polls with its secret and receives, once, an API
// token limited to the `capture` scope. No password or token is ever typed into the client.
import type { z } from 'zod';
import { insertApiToken } from '../../adapters/db/api-tokens.js';
import { appendLedger } from '../../adapters/db/ledger.js';
import { hitRateLimit, peekRateLimit } from '../../adapters/db/rate-limits.js';
import type { startPairingBody } from '../../contract/pairing.js';
import { newUserCode, normaliseUserCode, PAIRING_SCOPES, PAIRING_TTL_MS } from '../../domain/auth/pairing.js';
import { newApiToken, newSecret, secretDigest } from '../../domain/auth/secrets.js';
import { DomainError } from '../../domain/errors.js';
import type { Principal } from '../auth/principal.js';
import type { AppContext } from '../context.js';

const START_LIMIT = { max: 20, windowMs: 15 * 60_000 };
const APPROVE_LIMIT = { max: 10, windowMs: 15 * 60_000 };

export async function startPairing(ctx: Pick<AppContext, 'db' | 'clock' | 'config'>, input: { body: z.infer<typeof startPairingBody>; address: string }) {
  const now = ctx.clock.now();
  const hit = await hitRateLimit(ctx.db, `pairing:start:${input.address}`, START_LIMIT.windowMs, now);
  if (hit.count > START_LIMIT.max) {
    const seconds = Math.max(1, Math.ceil((hit.resetAt.getTime() - now.getTime()) / 1000));
    throw new DomainError('rate_limited', { params: { seconds }, retryAfterSeconds: seconds });
  }
  const userCode = newUserCode();
  const pollSecret = newSecret(32);
  const expiresAt = new Date(now.getTime() + PAIRING_TTL_MS);
  const row = await ctx.db
    .insertInto('device_pairings')
    .values({
      user_code_hash: secretDigest(normaliseUserCode(userCode) ?? userCode),
      poll_secret_hash: secretDigest(pollSecret),
      client_name: input.body.clientName,
      client_kind: input.body.clientKind,
      created_at: now,
      expires_at: expiresAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return {
    id: row.id,
    userCode,
    pollSecret,
    expiresAt: expiresAt.toISOString(),
    verificationUrl: `${ctx.config.publicUrl}/appairer?code=${userCode}`,
    intervalSeconds: 2,
  };
}

export async function approvePairing(ctx: Pick<AppContext, 'db' | 'clock'>, input: { actor: Principal; userCode: string }) {
  const now = ctx.clock.now();
  const key = `pairing:approve:${input.actor.userId}`;
  const state = await peekRateLimit(ctx.db, key, APPROVE_LIMIT.windowMs, now);
  if (state.count >= APPROVE_LIMIT.max) {
    const seconds = Math.max(1, Math.ceil((state.resetAt.getTime() - now.getTime()) / 1000));
    throw new DomainError('rate_limited', { params: { seconds }, retryAfterSeconds: seconds });
  }
  if (input.actor.via !== 'session') throw new DomainError('forbidden', { messageKey: 'pairing.error.session_only' });
  const code = normaliseUserCode(input.userCode);
  const row = code
    ? await ctx.db
        .selectFrom('device_pairings')
        .selectAll()
        .where('user_code_hash', '=', secretDigest(code))
        .where('expires_at', '>', now)
        .where('approved_at', 'is', null)
        .executeTakeFirst()
    : undefined;
  if (!row) {
    await hitRateLimit(ctx.db, key, APPROVE_LIMIT.windowMs, now);
    throw new DomainError('invalid_token', { messageKey: 'pairing.error.unknown_code' });
  }
  await ctx.db.transaction().execute(async (tx) => {
    await tx.updateTable('device_pairings').set({ approved_by: input.actor.userId, approved_at: now }).where('id', '=', row.id).execute();
    await appendLedger(tx, {
      action: 'pairing.approved',
      at: now,
      actorId: input.actor.userId,
      organisationId: input.actor.organisationId,
      subject: { type: 'pairing', id: row.id },
      data: { clientKind: row.client_kind },
    });
  });
  return { clientName: row.client_name, clientKind: row.client_kind };
}

export async function pollPairing(ctx: Pick<AppContext, 'db' | 'clock'>, input: { id: string; pollSecret: string }) {
  const now = ctx.clock.now();
  if (!/^[0-9a-f-]{36}$/i.test(input.id)) throw new DomainError('invalid_token');
  return ctx.db.transaction().execute(async (tx) => {
    const row = await tx.selectFrom('device_pairings').selectAll().where('id', '=', input.id).forUpdate().executeTakeFirst();
    if (!row || row.poll_secret_hash !== secretDigest(input.pollSecret) || row.consumed_at || row.expires_at <= now) {
      throw new DomainError('invalid_token', { messageKey: 'pairing.error.expired' });
    }
    if (!row.approved_by) return { status: 'pending' as const };
    const user = await tx
      .selectFrom('users')
      .select(['id', 'email', 'display_name', 'organisation_id', 'status'])
      .where('id', '=', row.approved_by)
      .executeTakeFirstOrThrow();
    if (user.status !== 'active') throw new DomainError('invalid_token', { messageKey: 'pairing.error.expired' });
    const { token, prefix } = newApiToken();
    const created = await insertApiToken(tx, {
      userId: user.id,
      label: `${row.client_kind === 'app' ? 'App' : 'Extension'}: ${row.client_name}`.slice(0, 100),
      tokenHash: secretDigest(token),
      prefix,
      scopes: PAIRING_SCOPES,
      at: now,
    });
    await tx.updateTable('device_pairings').set({ consumed_at: now, token_id: created.id }).where('id', '=', row.id).execute();
    await appendLedger(tx, {
      action: 'token.created',
      at: now,
      actorId: user.id,
      organisationId: user.organisation_id,
      subject: { type: 'api_token', id: created.id },
      data: { scopes: PAIRING_SCOPES, via: 'pairing', pairing: row.id },
    });
    return { status: 'approved' as const, token, scopes: PAIRING_SCOPES, userEmail: user.email, userName: user.display_name };
  });
}
