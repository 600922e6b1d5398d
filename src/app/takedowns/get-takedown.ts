// GET /takedowns/{id}: one request with its texts, locations and cited evidence, warnings,
// follow-ups and mandates. The staff member reads their own requests; the read is logged.
import type { z } from 'zod';
import type { takedownSchema } from '../../contract/takedowns.js';
import { DomainError } from '../../domain/errors.js';
import { canReadTakedowns } from '../../domain/takedowns/status.js';
import type { Locale } from '../../locales/index.js';
import type { Principal } from '../auth/principal.js';
import type { AppContext } from '../context.js';
import { loadRequest, presentRequest } from './takedown-store.js';

export async function getTakedown(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  input: { actor: Principal; requestId: string; locale: Locale },
): Promise<z.infer<typeof takedownSchema>> {
  const now = ctx.clock.now();
  const { request, loaded } = await loadRequest(ctx.db, input.actor, input.requestId, now, 'takedown.read');
  if (!canReadTakedowns(loaded.access)) throw new DomainError('forbidden');
  return presentRequest(ctx.db, { request, loaded, locale: input.locale, now });
}
