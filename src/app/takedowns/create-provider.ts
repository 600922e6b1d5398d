// POST /admin/providers (admin): a provider the seed does not list (a local forum, a news
// site's comment section…), with its domains for recognition and its reporting channels.
import type { z } from 'zod';
import { findProviderRow, insertCustomProvider } from '../../adapters/db/providers.js';
import { appendLedger } from '../../adapters/db/ledger.js';
import type { createProviderBody, providerSchema } from '../../contract/takedowns.js';
import { hasRole } from '../../domain/auth/roles.js';
import { DomainError } from '../../domain/errors.js';
import { mergeEditedChannels } from '../../domain/takedowns/directory.js';
import type { Principal } from '../auth/principal.js';
import type { AppContext } from '../context.js';
import { editorNames, isoDay, presentProvider } from './directory-store.js';

export async function createProvider(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  input: { actor: Principal; body: z.infer<typeof createProviderBody> },
): Promise<z.infer<typeof providerSchema>> {
  const { actor, body } = input;
  if (!hasRole(actor.roles, 'admin')) throw new DomainError('forbidden');
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (tx) => {
    const data = {
      id: body.id,
      name: body.name,
      domains: [...new Set(body.domains)],
      channels: mergeEditedChannels(
        [],
        body.channels.map((c) => ({ ...c, notes: c.notes ?? null })),
      ),
      evidenceTips: body.evidenceTips,
      typicalResponse: body.typicalResponse ?? null,
      localeNotes: body.localeNotes ?? null,
    };
    const inserted = await insertCustomProvider(tx, { id: body.id, data, lastReviewed: isoDay(now), createdBy: actor.userId, at: now });
    if (!inserted)
      throw new DomainError('conflict', {
        messageKey: 'provider.error.id_taken',
        fields: [{ path: 'id', message: 'provider.error.id_taken' }],
      });
    await appendLedger(tx, {
      action: 'provider.created',
      at: now,
      actorId: actor.userId,
      organisationId: actor.organisationId,
      subject: { type: 'provider', id: body.id },
      data: { domains: data.domains.length, channels: data.channels.length },
    });
    const row = await findProviderRow(tx, body.id);
    if (!row) throw new DomainError('not_found');
    return presentProvider(row, now, await editorNames(tx, [row.edited_by]));
  });
}
