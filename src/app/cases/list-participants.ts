// GET /cases/{id}/participants: who takes part in the case (role, since when, why, added by
// whom) and the active explicit grants. Read by anyone who sees the case, and logged.
import type { z } from 'zod';
import { listActiveGrants, listParticipantsWithAdders } from '../../adapters/db/case-participants.js';
import type { participantsResponse } from '../../contract/participants.js';
import { canManageParticipants } from '../../domain/cases/access.js';
import { hasMessage, type Locale, t } from '../../locales/index.js';
import type { Principal } from '../auth/principal.js';
import type { AppContext } from '../context.js';
import { loadCase } from './load-case.js';
import { userNames } from './present.js';

/** A stored reason in the reader's language: procedure codes are translated, typed text is kept. */
export function reasonLabel(locale: Locale, reason: string): string {
  const key = `participant.reason.${reason}`;
  return hasMessage(locale, key) ? t(locale, key) : reason;
}

export async function listCaseParticipants(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  input: { actor: Principal; caseId: string; locale: Locale },
): Promise<z.infer<typeof participantsResponse>> {
  const now = ctx.clock.now();
  const { row, access } = await loadCase(ctx.db, input.actor, input.caseId, now, 'participants.view');
  const [participants, grants] = await Promise.all([listParticipantsWithAdders(ctx.db, row.id), listActiveGrants(ctx.db, row.id, now)]);
  const names = await userNames(ctx.db, [
    ...participants.flatMap((p) => (p.added_by ? [p.added_by] : [])),
    ...grants.map((g) => g.granted_by),
  ]);
  return {
    participants: participants.map((p) => ({
      userId: p.user_id,
      displayName: p.display_name,
      role: p.role,
      joinedAt: p.joined_at.toISOString(),
      reason: p.reason,
      reasonLabel: reasonLabel(input.locale, p.reason),
      addedBy: p.added_by,
      addedByName: p.added_by ? (names.get(p.added_by) ?? null) : null,
      isAffectedPerson: p.person_id !== null && p.person_id === row.affected_person_id,
    })),
    grants: grants.map((g) => ({
      id: g.id,
      userId: g.user_id,
      displayName: g.display_name,
      grantedBy: g.granted_by,
      grantedByName: names.get(g.granted_by) ?? null,
      reason: g.reason,
      createdAt: g.created_at.toISOString(),
      expiresAt: g.expires_at.toISOString(),
    })),
    canManage: canManageParticipants(access),
  };
}
