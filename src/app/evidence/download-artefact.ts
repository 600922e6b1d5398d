// Artefact downloads (GET /evidence/{id}/artefacts/{kind}, GET /artefacts/{id}): access-checked
// through the case, written to the ledger ('artefact.downloaded': ids and digest only) and to
// the case's access log ('artefact.download') before a byte leaves, then streamed from the
// blob store. Inline display is for our own preview images only, never for captured content.
// A Range request (a resumed download of a large video) gets those bytes only (206).
import type { Readable } from 'node:stream';
import { appendLedger } from '../../adapters/db/ledger.js';
import { type ArtefactRow, findArtefact, findPrimaryArtefact } from '../../adapters/db/evidence.js';
import { mayServeInline } from '../../domain/evidence/access.js';
import { decideRange } from '../../domain/evidence/byte-range.js';
import type { ArtefactKind } from '../../domain/evidence/manifest.js';
import { DomainError } from '../../domain/errors.js';
import type { Principal } from '../auth/principal.js';
import type { AppContext } from '../context.js';
import { isUuid, loadCaseEvidence, loadEvidence } from './evidence-access.js';

export interface ArtefactDownload {
  artefact: ArtefactRow;
  inline: boolean;
  stream: Readable;
  /** Set when only part of the bytes is sent (206), from an HTTP Range request. */
  range: { start: number; end: number } | null;
}

/** The Range and If-Range request headers, as they came. */
export interface RangeRequest {
  range?: string | undefined;
  ifRange?: string | undefined;
}

type Ctx = Pick<AppContext, 'db' | 'clock' | 'blobs'>;

async function serve(
  ctx: Ctx,
  actor: Principal,
  artefact: ArtefactRow,
  organisationId: string,
  caseId: string,
  inline: boolean,
  request: RangeRequest,
): Promise<ArtefactDownload> {
  if (inline && !mayServeInline(artefact.kind, artefact.media_type))
    throw new DomainError('invalid_input', { fields: [{ path: 'inline', message: 'field.invalid_value' }] });
  const size = Number(artefact.size);
  const decision = decideRange({ range: request.range, ifRange: request.ifRange, etag: `"${artefact.sha256}"`, size });
  if (decision.kind === 'unsatisfiable') throw new DomainError('range_not_satisfiable', { params: { size } });
  const range = decision.kind === 'partial' ? { start: decision.start, end: decision.end } : null;
  const now = ctx.clock.now();
  // A sealed artefact whose bytes are gone is damage, not a 404: it is logged as a 500 and
  // `rempart verify` names it.
  const stored = await ctx.blobs.stat(artefact.sha256);
  if (!stored) throw new Error(`artefact ${artefact.id}: blob ${artefact.sha256} is missing from the store`);
  // A download (the bytes leave as a file) goes to the ledger; an inline preview of an image we
  // made ourselves (thumbnail, screenshot) is a read, in the access log only — otherwise every
  // page view would add ledger entries.
  if (!inline)
    await ctx.db.transaction().execute((tx) =>
      appendLedger(tx, {
        action: 'artefact.downloaded',
        at: now,
        actorId: actor.userId,
        organisationId,
        caseId,
        subject: { type: 'artefact', id: artefact.id },
        data: {
          evidenceId: artefact.evidence_id,
          kind: artefact.kind,
          sha256: artefact.sha256,
          inline,
          // A resumed download says which bytes it sent.
          ...(range ? { range: `${range.start}-${range.end}` } : {}),
        },
      }),
    );
  return { artefact, inline, range, stream: await ctx.blobs.get(artefact.sha256, range ?? undefined) };
}

export async function downloadPrimaryArtefact(
  ctx: Ctx,
  input: { actor: Principal; evidenceId: string; kind: ArtefactKind; inline: boolean } & RangeRequest,
): Promise<ArtefactDownload> {
  const { evidence, loaded } = await loadEvidence(ctx.db, input.actor, input.evidenceId, ctx.clock.now(), 'artefact.download');
  const artefact = await findPrimaryArtefact(ctx.db, evidence.id, input.kind);
  if (!artefact) throw new DomainError('not_found');
  return serve(ctx, input.actor, artefact, loaded.row.organisation_id, loaded.row.id, input.inline, input);
}

export async function downloadArtefact(
  ctx: Ctx,
  input: { actor: Principal; artefactId: string; inline: boolean } & RangeRequest,
): Promise<ArtefactDownload> {
  if (!isUuid(input.artefactId)) throw new DomainError('not_found');
  const found = await findArtefact(ctx.db, input.actor.organisationId, input.artefactId);
  if (!found) throw new DomainError('not_found');
  const loaded = await loadCaseEvidence(ctx.db, input.actor, found.caseId, ctx.clock.now(), 'artefact.download');
  return serve(ctx, input.actor, found.artefact, loaded.row.organisation_id, loaded.row.id, input.inline, input);
}
