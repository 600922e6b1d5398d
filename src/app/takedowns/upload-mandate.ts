// POST /takedowns/{id}/mandate (multipart, part `file`): the signed mandate letter, scanned or
// photographed — a PDF, JPEG, PNG or TIFF recognised by its content, not its name. Its bytes go
// to the content-addressed blob store, its hash to the ledger, and it is kept with the request
// (and put in the report package). Either the staff member or IT may upload it.
import { Readable } from 'node:stream';
import type { z } from 'zod';
import { appendLedger } from '../../adapters/db/ledger.js';
import { insertMandate } from '../../adapters/db/takedowns.js';
import type { takedownSchema } from '../../contract/takedowns.js';
import { DomainError } from '../../domain/errors.js';
import { canFileTakedowns } from '../../domain/takedowns/status.js';
import type { Locale } from '../../locales/index.js';
import type { Principal } from '../auth/principal.js';
import type { AppContext } from '../context.js';
import { loadRequestForUpdate, presentRequest } from './takedown-store.js';

/** A signed scan's media type from its first bytes, or undefined for anything else. */
export function scanMediaType(head: Uint8Array): string | undefined {
  const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0x49, 0x49, 0x2a, 0x00) || starts(0x4d, 0x4d, 0x00, 0x2a)) return 'image/tiff';
  return undefined;
}

const extension: Record<string, string> = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png', 'image/tiff': 'tif' };

export async function uploadMandate(
  ctx: Pick<AppContext, 'db' | 'clock' | 'blobs'>,
  input: { actor: Principal; requestId: string; file: { bytes: Buffer; filename: string }; locale: Locale },
): Promise<z.infer<typeof takedownSchema>> {
  const now = ctx.clock.now();
  // Access before anything is stored.
  await ctx.db.transaction().execute(async (tx) => {
    const { loaded } = await loadRequestForUpdate(tx, input.actor, input.requestId, now);
    if (!canFileTakedowns(loaded.access)) throw new DomainError('forbidden');
  });
  if (input.file.bytes.length === 0) throw new DomainError('empty_upload');
  const mediaType = scanMediaType(input.file.bytes.subarray(0, 16));
  if (!mediaType) throw new DomainError('unsupported_media_type', { messageKey: 'takedown.error.mandate_type' });
  const stored = await ctx.blobs.put(Readable.from([input.file.bytes]));
  const base = input.file.filename.replace(/\.[^.]*$/, '').slice(0, 80) || 'mandat';
  const filename = `${base}.${extension[mediaType] ?? 'bin'}`;
  return ctx.db.transaction().execute(async (tx) => {
    const { request, loaded } = await loadRequestForUpdate(tx, input.actor, input.requestId, now);
    if (!canFileTakedowns(loaded.access)) throw new DomainError('forbidden');
    await tx
      .insertInto('blobs')
      .values({ sha256: stored.sha256, size: stored.size, store: ctx.blobs.kind, created_at: now })
      .onConflict((oc) => oc.column('sha256').doNothing())
      .execute();
    const mandate = await insertMandate(tx, {
      requestId: request.id,
      sha256: stored.sha256,
      size: stored.size,
      mediaType,
      filename,
      uploadedBy: input.actor.userId,
      at: now,
    });
    await appendLedger(tx, {
      action: 'takedown.mandate_uploaded',
      at: now,
      actorId: input.actor.userId,
      organisationId: loaded.row.organisation_id,
      caseId: loaded.row.id,
      subject: { type: 'takedown_request', id: request.id },
      data: { mandateId: mandate.id, sha256: stored.sha256, size: stored.size, mediaType },
    });
    return presentRequest(tx, { request, loaded, locale: input.locale, now });
  });
}
