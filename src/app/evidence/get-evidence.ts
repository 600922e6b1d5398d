// GET /evidence/{id} and GET /cases/{id}/evidence: what the caller may see, reads logged.
import { listArtefacts, listCaseEvidence } from '../../adapters/db/evidence.js';
import type { Locale } from '../../locales/index.js';
import type { Principal } from '../auth/principal.js';
import type { AppContext } from '../context.js';
import { loadCaseEvidence, loadEvidence } from './evidence-access.js';
import { type EvidenceJson, presentEvidence, presentEvidenceList } from './present-evidence.js';

export async function getEvidence(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  input: { actor: Principal; evidenceId: string; locale: Locale },
): Promise<EvidenceJson> {
  const { evidence } = await loadEvidence(ctx.db, input.actor, input.evidenceId, ctx.clock.now(), 'evidence.view');
  return presentEvidence(evidence, await listArtefacts(ctx.db, [evidence.id]), input.locale);
}

export async function listEvidence(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  input: { actor: Principal; caseId: string; locale: Locale },
): Promise<EvidenceJson[]> {
  const loaded = await loadCaseEvidence(ctx.db, input.actor, input.caseId, ctx.clock.now(), 'evidence.list');
  return presentEvidenceList(ctx.db, await listCaseEvidence(ctx.db, loaded.row.id), input.locale);
}
