// PATCH /takedowns/{id}: edits a draft (text, language, channel, who files; or regenerates the
// texts from the evidence now sealed) and moves the request along its states
// (domain/takedowns/status.ts), recording who, when, the channel, the text sent and the
// provider's reference number. Submitting completes step 4.3.2 for its locations; a removal
// (re-check or a person's confirmation) completes step 4.3.3 for each location it covers.
import type { z } from 'zod';
import { appendLedger } from '../../adapters/db/ledger.js';
import { insertFollowup, reminderDaysOf, updateTakedownRequest } from '../../adapters/db/takedowns.js';
import type { takedownSchema, updateTakedownBody } from '../../contract/takedowns.js';
import { DomainError } from '../../domain/errors.js';
import { bodyDigest } from '../../domain/ledger/chain.js';
import { canActOnTakedowns, checkTransition, nextReminderAt, type TakedownStatus } from '../../domain/takedowns/status.js';
import type { Locale } from '../../locales/index.js';
import type { Principal } from '../auth/principal.js';
import type { AppContext } from '../context.js';
import type { TakedownRequestsTable } from '../../adapters/db/schema-takedowns.js';
import type { Updateable } from 'kysely';
import { findProvider } from './directory-store.js';
import {
  completeLocationSteps,
  effectiveText,
  generateTexts,
  loadRequestForUpdate,
  presentRequest,
  requestLocations,
  resolveChannel,
  takedownConsent,
} from './takedown-store.js';

function invalidField(path: string, message = 'field.invalid_value'): DomainError {
  return new DomainError('invalid_input', { fields: [{ path, message }] });
}

export async function updateTakedown(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  input: { actor: Principal; requestId: string; body: z.infer<typeof updateTakedownBody>; locale: Locale },
): Promise<z.infer<typeof takedownSchema>> {
  const { actor, body } = input;
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (tx) => {
    const { request, loaded } = await loadRequestForUpdate(tx, actor, input.requestId, now);
    const { row } = loaded;
    if (!canActOnTakedowns(loaded.access)) throw new DomainError('forbidden', { messageKey: 'takedown.error.not_allowed' });
    if (body.version !== undefined && body.version !== request.version) throw new DomainError('stale_version');
    if (row.status === 'closed') throw new DomainError('invalid_transition', { messageKey: 'case.error.closed' });
    const from = request.status as TakedownStatus;
    const to = body.status && body.status !== from ? body.status : undefined;
    if (body.status === from)
      throw new DomainError('invalid_transition', { messageKey: 'takedown.error.transition', params: { from, to: from } });
    if (body.confirmation && to !== 'removed') throw invalidField('confirmation', 'takedown.field.confirmation_only_removed');
    if (body.overrideReason && to !== 'submitted') throw invalidField('overrideReason', 'takedown.field.override_only_submit');
    const draftEdit = body.text !== undefined || body.textLocale !== undefined || body.regenerate === true || body.filer !== undefined;
    if (draftEdit && from !== 'draft') throw new DomainError('invalid_transition', { messageKey: 'takedown.error.not_draft' });
    if (body.channel !== undefined && from !== 'draft')
      throw new DomainError('invalid_transition', { messageKey: 'takedown.error.not_draft' });
    if (body.referenceNumber !== undefined && from === 'draft' && to !== 'submitted')
      throw invalidField('referenceNumber', 'takedown.field.reference_after_submit');

    const set: Updateable<TakedownRequestsTable> = { updated_at: now };
    const changed: string[] = [];
    let current = request;
    let locations = await requestLocations(tx, request);

    // 1. Draft edits.
    if (body.channel !== undefined || body.filer !== undefined || body.regenerate === true) {
      const provider = await findProvider(tx, request.provider_id);
      if (!provider) throw new DomainError('not_found');
      const channel = resolveChannel(provider.entry, request.ground, body.channel ?? request.channel);
      const filer = body.filer ?? request.filer;
      const texts = await generateTexts(tx, {
        caseRow: row,
        provider: provider.entry,
        channel: channel.entry,
        ground: request.ground,
        filer,
        senderId: request.created_by ?? actor.userId,
        locations,
      });
      Object.assign(set, {
        channel: channel.channel,
        channel_method: channel.method,
        filer,
        text_fr: texts.fr,
        text_en: texts.en,
        generated_at: now,
      });
      if (body.channel !== undefined) changed.push('channel');
      if (body.filer !== undefined) changed.push('filer');
      if (body.regenerate === true) {
        set.text_edited = null;
        changed.push('regenerated');
      }
    }
    if (body.textLocale !== undefined) {
      set.text_locale = body.textLocale;
      changed.push('textLocale');
    }
    if (body.text !== undefined) {
      set.text_edited = body.text;
      changed.push('text');
    }
    if (body.referenceNumber !== undefined) {
      set.reference_number = body.referenceNumber;
      changed.push('referenceNumber');
    }
    if (changed.length > 0) {
      current = await updateTakedownRequest(tx, request.id, set);
      await appendLedger(tx, {
        action: 'takedown.updated',
        at: now,
        actorId: actor.userId,
        organisationId: row.organisation_id,
        caseId: row.id,
        subject: { type: 'takedown_request', id: request.id },
        data: { changed, ...(body.referenceNumber !== undefined ? { referenceNumberDigest: bodyDigest(body.referenceNumber) } : {}) },
      });
    }

    // 2. The state change.
    if (to) {
      const consent = await takedownConsent(tx, row.id);
      const verdict = checkTransition({
        from,
        to,
        consentActive: consent.active,
        locationsWithoutEvidence: locations.filter((l) => l.evidence.length === 0).map((l) => l.id),
        overrideReason: body.overrideReason,
        allRecheckedRemoved: locations.length > 0 && locations.every((l) => l.status === 'removed' && l.lastCheckedAt !== null),
        confirmationNote: body.confirmation?.note,
      });
      if (!verdict.ok)
        throw new DomainError(verdict.code, { messageKey: verdict.messageKey, ...(verdict.params ? { params: verdict.params } : {}) });
      const days = await reminderDaysOf(tx, row.organisation_id);
      const next: Updateable<TakedownRequestsTable> = { status: to, updated_at: now };
      if (to === 'submitted') {
        Object.assign(next, {
          submitted_at: now,
          submitted_by: actor.userId,
          sent_text: effectiveText(current),
          next_reminder_at: nextReminderAt(to, now, days),
          reminder_count: 0,
          last_reminded_at: null,
        });
        if (verdict.overridden && body.overrideReason)
          Object.assign(next, { override_reason: body.overrideReason, override_by: actor.userId, override_at: now });
      } else if (to === 'acknowledged') {
        Object.assign(next, { acknowledged_at: now, next_reminder_at: nextReminderAt(to, now, days) });
      } else {
        Object.assign(next, { closed_at: now, closed_by: actor.userId, next_reminder_at: null });
        if (to === 'removed')
          Object.assign(next, { removal_basis: verdict.removalBasis, confirmation_note: body.confirmation?.note ?? null });
      }
      current = await updateTakedownRequest(tx, request.id, next);
      await insertFollowup(tx, {
        request_id: request.id,
        kind: 'status_changed',
        status_from: from,
        status_to: to,
        note: body.confirmation?.note ?? body.overrideReason ?? null,
        at: now,
        by: actor.userId,
      });
      await appendLedger(tx, {
        action: to === 'submitted' ? 'takedown.submitted' : 'takedown.status_changed',
        at: now,
        actorId: actor.userId,
        organisationId: row.organisation_id,
        caseId: row.id,
        subject: { type: 'takedown_request', id: request.id },
        data: {
          status: to,
          from,
          providerId: request.provider_id,
          ...(to === 'submitted'
            ? {
                channelMethod: current.channel_method,
                sentTextDigest: bodyDigest(current.sent_text ?? ''),
                overridden: verdict.overridden,
                ...(verdict.overridden && body.overrideReason ? { overrideReasonDigest: bodyDigest(body.overrideReason) } : {}),
              }
            : {}),
          ...(to === 'removed' ? { removalBasis: verdict.removalBasis } : {}),
        },
      });
      const locationIds = locations.map((l) => l.id);
      if (to === 'submitted') {
        await completeLocationSteps(tx, row, { stepKey: '4.3.2', locationIds, requestId: request.id, actorId: actor.userId, now });
      }
      if (to === 'removed') {
        if (verdict.removalBasis === 'confirmation') {
          // A person saw the content gone: the locations say so too (a later re-check may say otherwise).
          const stillOnline = locations.filter((l) => l.status !== 'removed').map((l) => l.id);
          if (stillOnline.length > 0) await tx.updateTable('locations').set({ status: 'removed' }).where('id', 'in', stillOnline).execute();
          for (const id of stillOnline) {
            await appendLedger(tx, {
              action: 'location.status_changed',
              at: now,
              actorId: actor.userId,
              organisationId: row.organisation_id,
              caseId: row.id,
              subject: { type: 'location', id },
              data: { status: 'removed', by: 'confirmation', takedownRequestId: request.id },
            });
          }
          locations = locations.map((l) => ({ ...l, status: 'removed' as const }));
        }
        await completeLocationSteps(tx, row, { stepKey: '4.3.3', locationIds, requestId: request.id, actorId: actor.userId, now });
      }
    }

    // 3. A note for the history.
    if (body.note) {
      await insertFollowup(tx, { request_id: request.id, kind: 'note', note: body.note, at: now, by: actor.userId });
      await appendLedger(tx, {
        action: 'takedown.followup',
        at: now,
        actorId: actor.userId,
        organisationId: row.organisation_id,
        caseId: row.id,
        subject: { type: 'takedown_request', id: request.id },
        data: { kind: 'note' },
      });
    }
    return presentRequest(tx, { request: current, loaded, locale: input.locale, now, locations });
  });
}
