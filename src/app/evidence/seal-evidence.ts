// Sealing (DESIGN.md §3): the artefacts, already in the blob store, are recorded with the
// evidence's manifest; the manifest's SHA-256 goes to the ledger in the same transaction that
// marks the evidence sealed. Step 4.1.1 ("preserve the evidence") completes itself on the
// case's first sealed evidence.
import type { Tx } from '../../adapters/db/database.js';
import { appendLedger } from '../../adapters/db/ledger.js';
import type { EvidenceTable } from '../../adapters/db/schema-evidence.js';
import {
  type ArtefactKind,
  type EvidenceManifest,
  MANIFEST_VERSION,
  type ManifestArtefact,
  manifestSha256,
} from '../../domain/evidence/manifest.js';
import type { Selectable } from 'kysely';
import type { AppContext } from '../context.js';
import { completeEventSteps } from '../cases/procedure.js';

export const AGENT_VERSION = '0.1.0';

export interface SealDetails {
  finalUrl?: string | null;
  httpStatus?: number | null;
  httpHeaders?: Record<string, string> | null;
  captureStartedAt: Date;
  captureEndedAt: Date;
  browser?: EvidenceManifest['browser'];
  viewport?: EvidenceManifest['viewport'];
  tool?: string;
}

export async function sealEvidence(
  tx: Tx,
  ctx: Pick<AppContext, 'clock' | 'config'>,
  input: { evidence: Selectable<EvidenceTable>; artefacts: ManifestArtefact[]; details: SealDetails; store: 'file' | 's3' },
): Promise<{ manifestSha256: string }> {
  const now = ctx.clock.now();
  const { evidence } = input;
  if (evidence.status === 'sealed') throw new Error(`evidence ${evidence.id} is already sealed`);
  if (input.artefacts.length === 0) throw new Error(`evidence ${evidence.id} has no artefact`);
  // Two statements whatever the number of artefacts (the blobs in hash order, so concurrent
  // sealings lock shared rows in the same order).
  const blobs = new Map(input.artefacts.map((a) => [a.sha256, a.size]));
  await tx
    .insertInto('blobs')
    .values(
      [...blobs].sort(([a], [b]) => (a < b ? -1 : 1)).map(([sha256, size]) => ({ sha256, size, store: input.store, created_at: now })),
    )
    .onConflict((oc) => oc.column('sha256').doNothing())
    .execute();
  const ordinals = new Map<ArtefactKind, number>();
  await tx
    .insertInto('artefacts')
    .values(
      input.artefacts.map((a) => {
        const ordinal = (ordinals.get(a.kind) ?? 0) + 1;
        ordinals.set(a.kind, ordinal);
        return {
          evidence_id: evidence.id,
          kind: a.kind,
          media_type: a.mediaType,
          size: a.size,
          sha256: a.sha256,
          filename: a.filename,
          ordinal,
          meta: JSON.stringify({ ...(a.meta ?? {}), ...(a.clientSha256 ? { clientSha256: a.clientSha256 } : {}) }),
          created_at: now,
        };
      }),
    )
    .execute();
  const manifest: EvidenceManifest = {
    v: MANIFEST_VERSION,
    evidenceId: evidence.id,
    caseId: evidence.case_id,
    source: evidence.source,
    sourceUrl: evidence.source_url,
    finalUrl: input.details.finalUrl ?? null,
    httpStatus: input.details.httpStatus ?? null,
    httpHeaders: input.details.httpHeaders ?? null,
    title: evidence.title,
    comment: evidence.comment,
    captureStartedAt: input.details.captureStartedAt.toISOString(),
    captureEndedAt: input.details.captureEndedAt.toISOString(),
    capturedBy: { userId: evidence.requested_by },
    agent: { name: 'rempart', version: AGENT_VERSION, ...(input.details.tool ? { tool: input.details.tool } : {}) },
    browser: input.details.browser ?? null,
    viewport: input.details.viewport ?? null,
    artefacts: input.artefacts,
  };
  // JSON.stringify drops undefined members, exactly as the canonical form does.
  const stored = JSON.parse(JSON.stringify(manifest)) as EvidenceManifest;
  const sha = manifestSha256(stored);
  await tx
    .updateTable('evidence')
    .set({
      status: 'sealed',
      manifest: JSON.stringify(stored),
      manifest_sha256: sha,
      sealed_at: now,
      finished_at: now,
      captured_at: input.details.captureStartedAt,
      progress: null,
      error_code: null,
      error_message: null,
    })
    .where('id', '=', evidence.id)
    .execute();
  const caseRow = await tx.selectFrom('cases').selectAll().where('id', '=', evidence.case_id).executeTakeFirstOrThrow();
  await appendLedger(tx, {
    action: 'evidence.sealed',
    at: now,
    actorId: evidence.requested_by,
    organisationId: caseRow.organisation_id,
    caseId: evidence.case_id,
    subject: { type: 'evidence', id: evidence.id },
    data: { manifestSha256: sha, source: evidence.source, artefacts: input.artefacts.length },
  });
  await completeEventSteps(tx, ctx, caseRow, 'event:evidence_sealed', evidence.requested_by);
  return { manifestSha256: sha };
}
