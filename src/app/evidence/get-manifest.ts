// GET /evidence/{id}/manifest: the sealed manifest as its exact canonical bytes, so that
// `sha256sum` of the download equals manifestSha256 (and the hash in the ledger).
import { manifestJson, type EvidenceManifest } from '../../domain/evidence/manifest.js';
import { DomainError } from '../../domain/errors.js';
import type { Principal } from '../auth/principal.js';
import type { AppContext } from '../context.js';
import { loadEvidence } from './evidence-access.js';

export async function getManifest(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  input: { actor: Principal; evidenceId: string },
): Promise<{ bytes: Buffer; sha256: string; evidenceId: string }> {
  const { evidence } = await loadEvidence(ctx.db, input.actor, input.evidenceId, ctx.clock.now(), 'evidence.manifest');
  if (evidence.status !== 'sealed' || !evidence.manifest || !evidence.manifest_sha256)
    throw new DomainError('not_found', { messageKey: 'evidence.error.not_sealed' });
  return {
    bytes: Buffer.from(manifestJson(evidence.manifest as unknown as EvidenceManifest), 'utf8'),
    sha256: evidence.manifest_sha256,
    evidenceId: evidence.id,
  };
}
