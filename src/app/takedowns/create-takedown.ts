// POST /cases/{id}/takedowns: IT (or the supervisor, general direction) prepares a removal
// request to one provider for one or more of the case's locations. It starts as a draft with
// texts generated in French and English for that provider and ground; drafts need no consent
// (the staff member may be asked while it is prepared), submitting does (update-takedown.ts).
import type { z } from 'zod';
import { appendLedger } from '../../adapters/db/ledger.js';
import {
  findCaseLocations,
  insertRequestLocations,
  insertTakedownRequest,
  latestAbuseLookups,
  reminderDaysOf,
} from '../../adapters/db/takedowns.js';
import type { createTakedownBody, takedownSchema } from '../../contract/takedowns.js';
import { DomainError } from '../../domain/errors.js';
import { defaultFiler, WEB_HOST } from '../../domain/takedowns/directory.js';
import { canActOnTakedowns, nextReminderAt } from '../../domain/takedowns/status.js';
import type { Locale } from '../../locales/index.js';
import type { Principal } from '../auth/principal.js';
import { loadCaseForUpdate } from '../cases/load-case.js';
import type { AppContext } from '../context.js';
import { fillLocationProviders, findProvider } from './directory-store.js';
import type { RdapAnswer } from './ports.js';
import { citedLocations, generateTexts, presentRequest, resolveChannel } from './takedown-store.js';

/** The first abuse e-mail of the latest RDAP lookups (the hosting network's first, as stored). */
function abuseEmail(lookups: ReadonlyArray<{ result: Record<string, unknown> }>): string | undefined {
  for (const l of lookups) {
    const answers = Array.isArray(l.result.answers) ? (l.result.answers as RdapAnswer[]) : [];
    for (const a of answers) for (const c of a.abuse) if (c.emails[0]) return c.emails[0];
  }
  return undefined;
}

export async function createTakedown(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  input: { actor: Principal; caseId: string; body: z.infer<typeof createTakedownBody>; locale: Locale },
): Promise<z.infer<typeof takedownSchema>> {
  const { actor, body } = input;
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (tx) => {
    const loaded = await loadCaseForUpdate(tx, actor, input.caseId, now);
    const { row } = loaded;
    if (!canActOnTakedowns(loaded.access)) throw new DomainError('forbidden', { messageKey: 'takedown.error.not_allowed' });
    if (row.status === 'closed') throw new DomainError('invalid_transition', { messageKey: 'case.error.closed' });
    const provider = await findProvider(tx, body.providerId);
    if (!provider) throw new DomainError('invalid_input', { fields: [{ path: 'providerId', message: 'field.unknown_reference' }] });
    const ids = [...new Set(body.locationIds)];
    await fillLocationProviders(tx, row.id);
    const found = await findCaseLocations(tx, row.id, ids);
    if (found.length !== ids.length)
      throw new DomainError('invalid_input', { fields: [{ path: 'locationIds', message: 'field.unknown_reference' }] });
    const ordered = ids.map((id) => found.find((l) => l.id === id)).filter((l): l is (typeof found)[number] => l !== undefined);
    const locations = await citedLocations(tx, row.id, ordered);

    const channel = resolveChannel(provider.entry, body.ground, body.channel);
    if (provider.row.id === WEB_HOST && !body.channel) {
      // A plain web host: write to the abuse address RDAP found, if someone looked it up.
      const email = abuseEmail(await latestAbuseLookups(tx, ids));
      if (email) Object.assign(channel, { channel: `mailto:${email}`, method: 'email' });
    }
    const filer = body.filer ?? defaultFiler(channel.entry);
    const texts = await generateTexts(tx, {
      caseRow: row,
      provider: provider.entry,
      channel: channel.entry,
      ground: body.ground,
      filer,
      senderId: actor.userId,
      locations,
    });
    const days = await reminderDaysOf(tx, row.organisation_id);
    const request = await insertTakedownRequest(tx, {
      case_id: row.id,
      provider_id: provider.row.id,
      ground: body.ground,
      channel: channel.channel,
      channel_method: channel.method,
      filer,
      text_fr: texts.fr,
      text_en: texts.en,
      generated_at: now,
      // A draft not sent after the delay is brought back (only while consent stands).
      next_reminder_at: nextReminderAt('draft', now, days),
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    });
    await insertRequestLocations(tx, request.id, ids);
    await appendLedger(tx, {
      action: 'takedown.created',
      at: now,
      actorId: actor.userId,
      organisationId: row.organisation_id,
      caseId: row.id,
      subject: { type: 'takedown_request', id: request.id },
      data: { providerId: provider.row.id, ground: body.ground, locationIds: ids, filer },
    });
    return presentRequest(tx, { request, loaded, locale: input.locale, now, locations });
  });
}
