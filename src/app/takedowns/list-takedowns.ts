// GET /cases/{id}/takedowns: the case's removal requests, oldest first.
import type { z } from 'zod';
import { listCaseTakedownRequests } from '../../adapters/db/takedowns.js';
import type { listTakedownsResponse } from '../../contract/takedowns.js';
import { DomainError } from '../../domain/errors.js';
import { canReadTakedowns } from '../../domain/takedowns/status.js';
import type { Locale } from '../../locales/index.js';
import type { Principal } from '../auth/principal.js';
import { loadCase } from '../cases/load-case.js';
import type { AppContext } from '../context.js';
import { presentRequest } from './takedown-store.js';

export async function listTakedowns(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  input: { actor: Principal; caseId: string; locale: Locale },
): Promise<z.infer<typeof listTakedownsResponse>> {
  const now = ctx.clock.now();
  const loaded = await loadCase(ctx.db, input.actor, input.caseId, now, 'takedown.list');
  if (!canReadTakedowns(loaded.access)) throw new DomainError('forbidden');
  const rows = await listCaseTakedownRequests(ctx.db, loaded.row.id);
  const items = [];
  for (const request of rows) items.push(await presentRequest(ctx.db, { request, loaded, locale: input.locale, now }));
  return { items };
}
