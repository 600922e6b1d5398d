// GET /tokens: the caller's live tokens, never their secret (only the prefix, to recognise one).
import { listApiTokens } from '../../adapters/db/api-tokens.js';
import type { AppContext } from '../context.js';
import type { Principal } from './principal.js';

export interface ApiTokenSummary {
  id: string;
  label: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  current: boolean;
}

export async function listOwnApiTokens(ctx: Pick<AppContext, 'db'>, input: { actor: Principal }): Promise<ApiTokenSummary[]> {
  const rows = await listApiTokens(ctx.db, input.actor.userId);
  return rows
    .filter((r) => r.revoked_at === null)
    .map((r) => ({
      id: r.id,
      label: r.label,
      prefix: r.prefix,
      createdAt: r.created_at.toISOString(),
      lastUsedAt: r.last_used_at ? r.last_used_at.toISOString() : null,
      current: input.actor.tokenId === r.id,
    }));
}
