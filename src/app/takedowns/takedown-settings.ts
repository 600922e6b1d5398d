// GET/PATCH /admin/takedown-settings (admin): the organisation's delay, in days, before an
// unanswered removal request (or a draft not sent) is brought back to its author and IT.
import type { z } from 'zod';
import { appendLedger } from '../../adapters/db/ledger.js';
import { reminderDaysOf, upsertReminderDays } from '../../adapters/db/takedowns.js';
import type { takedownSettingsBody, takedownSettingsSchema } from '../../contract/takedowns.js';
import { hasRole } from '../../domain/auth/roles.js';
import { DomainError } from '../../domain/errors.js';
import type { Principal } from '../auth/principal.js';
import type { AppContext } from '../context.js';

export async function getTakedownSettings(
  ctx: Pick<AppContext, 'db'>,
  input: { actor: Principal },
): Promise<z.infer<typeof takedownSettingsSchema>> {
  if (!hasRole(input.actor.roles, 'admin')) throw new DomainError('forbidden');
  return { reminderDays: await reminderDaysOf(ctx.db, input.actor.organisationId) };
}

export async function updateTakedownSettings(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  input: { actor: Principal; body: z.infer<typeof takedownSettingsBody> },
): Promise<z.infer<typeof takedownSettingsSchema>> {
  if (!hasRole(input.actor.roles, 'admin')) throw new DomainError('forbidden');
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (tx) => {
    await upsertReminderDays(tx, input.actor.organisationId, input.body.reminderDays, input.actor.userId, now);
    await appendLedger(tx, {
      action: 'takedown_settings.updated',
      at: now,
      actorId: input.actor.userId,
      organisationId: input.actor.organisationId,
      data: { reminderDays: input.body.reminderDays },
    });
    return { reminderDays: input.body.reminderDays };
  });
}
