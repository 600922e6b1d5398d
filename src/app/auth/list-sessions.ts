// GET /me/sessions: the caller's live sessions. Each is shown by its public id (the first 16 hex
// digits of the stored digest), never by the digest that the cookie resolves to.
import { listUserSessions } from '../../adapters/db/sessions.js';
import { publicSessionId } from '../../domain/auth/secrets.js';
import type { AppContext } from '../context.js';
import type { Principal } from './principal.js';

export interface SessionSummary {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  userAgent: string;
  current: boolean;
}

export async function listOwnSessions(ctx: Pick<AppContext, 'db' | 'clock'>, input: { actor: Principal }): Promise<SessionSummary[]> {
  const rows = await listUserSessions(ctx.db, input.actor.userId, ctx.clock.now());
  return rows.map((r) => ({
    id: publicSessionId(r.id),
    createdAt: r.created_at.toISOString(),
    lastSeenAt: r.last_seen_at.toISOString(),
    expiresAt: r.expires_at.toISOString(),
    userAgent: r.user_agent,
    current: r.id === input.actor.sessionId,
  }));
}
