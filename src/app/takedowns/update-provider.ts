// PATCH /admin/providers/{id} (admin): edits a directory entry's channels, URLs, domains and
// notes, and/or marks it reviewed today. Edits are stored as whole fields over the seed data, so
// a seed upgrade never erases them; each channel keeps its `source` and `verified` flag unless
// the admin gives new ones (domain/takedowns/directory.ts mergeEditedChannels).
import type { z } from 'zod';
import { lockProviderRow, updateProviderOverrides } from '../../adapters/db/providers.js';
import { appendLedger } from '../../adapters/db/ledger.js';
import type { providerSchema, updateProviderBody } from '../../contract/takedowns.js';
import { hasRole } from '../../domain/auth/roles.js';
import { DomainError } from '../../domain/errors.js';
import { mergeEditedChannels } from '../../domain/takedowns/directory.js';
import type { Principal } from '../auth/principal.js';
import type { AppContext } from '../context.js';
import { editorNames, isoDay, presentProvider, providerOf } from './directory-store.js';

export async function updateProvider(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  input: { actor: Principal; providerId: string; body: z.infer<typeof updateProviderBody> },
): Promise<z.infer<typeof providerSchema>> {
  const { actor, body } = input;
  if (!hasRole(actor.roles, 'admin')) throw new DomainError('forbidden');
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (tx) => {
    const row = await lockProviderRow(tx, input.providerId);
    if (!row) throw new DomainError('not_found');
    const current = providerOf(row);
    const overrides: Record<string, unknown> = { ...(row.overrides ?? {}) };
    const changed: string[] = [];
    const set = (field: string, value: unknown) => {
      overrides[field] = value;
      changed.push(field);
    };
    if (body.name !== undefined) set('name', body.name);
    if (body.domains !== undefined) set('domains', [...new Set(body.domains)]);
    if (body.channels !== undefined)
      set(
        'channels',
        mergeEditedChannels(
          current.channels,
          body.channels.map((c) => ({ ...c, notes: c.notes ?? null })),
        ),
      );
    if (body.evidenceTips !== undefined) set('evidenceTips', body.evidenceTips);
    if (body.typicalResponse !== undefined) set('typicalResponse', body.typicalResponse);
    if (body.localeNotes !== undefined) set('localeNotes', body.localeNotes);
    const reviewed = body.markReviewed === true;
    await updateProviderOverrides(tx, row.id, {
      overrides,
      lastReviewed: reviewed ? isoDay(now) : row.last_reviewed,
      editedBy: actor.userId,
      at: now,
    });
    await appendLedger(tx, {
      action: 'provider.updated',
      at: now,
      actorId: actor.userId,
      organisationId: actor.organisationId,
      subject: { type: 'provider', id: row.id },
      data: { changed, reviewed },
    });
    const updated = await lockProviderRow(tx, row.id);
    if (!updated) throw new DomainError('not_found');
    return presentProvider(updated, now, await editorNames(tx, [updated.edited_by]));
  });
}
