// GET /cases/{id}/access-log: who read the case, and when (Québec Law 25: the affected person
// can see who has seen their file). Visible to the affected person and to the case's
// supervisor or general direction; any other reader gets 403 (404 if they do not see the case).
// Reading it is itself logged, for everyone but the affected person.
import type { z } from 'zod';
import { listAccessLog, participantRolesEver, usersWithGrantsEver } from '../../adapters/db/case-participants.js';
import { logCaseAccess } from '../../adapters/db/cases.js';
import type { accessLogResponse } from '../../contract/participants.js';
import { canManageParticipants } from '../../domain/cases/access.js';
import { DomainError } from '../../domain/errors.js';
import { hasMessage, type Locale, t } from '../../locales/index.js';
import type { Principal } from '../auth/principal.js';
import type { AppContext } from '../context.js';
import { loadCase } from './load-case.js';

export async function listCaseAccessLog(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  input: { actor: Principal; caseId: string; limit: number; cursor?: string | undefined; locale: Locale },
): Promise<z.infer<typeof accessLogResponse>> {
  const now = ctx.clock.now();
  const { row, access } = await loadCase(ctx.db, input.actor, input.caseId, now);
  if (access.kind !== 'affected' && !canManageParticipants(access)) throw new DomainError('forbidden');
  if (access.kind !== 'affected') await logCaseAccess(ctx.db, row.id, input.actor.userId, 'access_log.view', now);
  const rows = await listAccessLog(ctx.db, row.id, { limit: input.limit + 1, beforeId: input.cursor });
  const page = rows.slice(0, input.limit);
  const readers = [...new Set(page.map((r) => r.user_id))];
  const [roles, granted] = await Promise.all([participantRolesEver(ctx.db, row.id, readers), usersWithGrantsEver(ctx.db, row.id, readers)]);
  const rolesOf = new Map<string, string[]>();
  for (const r of roles) rolesOf.set(r.user_id, [...new Set([...(rolesOf.get(r.user_id) ?? []), r.role])].sort());
  const label = (action: string) => {
    const key = `access.action.${action}`;
    return hasMessage(input.locale, key) ? t(input.locale, key) : action;
  };
  return {
    items: page.map((r) => ({
      userId: r.user_id,
      name: r.display_name,
      roles: rolesOf.get(r.user_id) ?? [],
      viaGrant: granted.has(r.user_id),
      action: r.action,
      actionLabel: label(r.action),
      at: r.at.toISOString(),
    })),
    nextCursor: rows.length > input.limit ? String(page[page.length - 1]?.id ?? '') || null : null,
  };
}
