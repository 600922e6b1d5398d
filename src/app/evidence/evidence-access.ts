// Evidence reads and writes go through the case (load-case.ts): not visible = 404. On a visible
// case, evidence is refused to a union participant unless the staff member's union_notice
// consent stands (src/domain/evidence/access.ts).
import { latestConsents } from '../../adapters/db/cases.js';
import type { Queryable } from '../../adapters/db/database.js';
import { type EvidenceRow, findEvidence } from '../../adapters/db/evidence.js';
import { canSeeEvidence } from '../../domain/evidence/access.js';
import { DomainError } from '../../domain/errors.js';
import type { Principal } from '../auth/principal.js';
import { type LoadedCase, loadCase } from '../cases/load-case.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export async function unionNoticeGranted(db: Queryable, caseId: string): Promise<boolean> {
  const consents = await latestConsents(db, caseId);
  return consents.some((c) => c.purpose === 'union_notice' && c.granted);
}

/** Whether the union-consent rule matters for this viewer (saves a query for everyone else). */
function needsUnionConsent(loaded: LoadedCase): boolean {
  return loaded.access.kind === 'participant' && loaded.access.roles.includes('union');
}

export async function evidenceAllowed(db: Queryable, loaded: LoadedCase): Promise<boolean> {
  return canSeeEvidence(loaded.access, needsUnionConsent(loaded) ? await unionNoticeGranted(db, loaded.row.id) : false);
}

/** A case whose evidence the caller may see (404 otherwise), its read logged as `logAction`. */
export async function loadCaseEvidence(
  db: Queryable,
  actor: Principal,
  caseId: string,
  now: Date,
  logAction?: string,
): Promise<LoadedCase> {
  const loaded = await loadCase(db, actor, caseId, now, logAction);
  if (!(await evidenceAllowed(db, loaded))) throw new DomainError('not_found');
  return loaded;
}

/** One evidence item the caller may see (404 otherwise). */
export async function loadEvidence(
  db: Queryable,
  actor: Principal,
  evidenceId: string,
  now: Date,
  logAction?: string,
): Promise<{ evidence: EvidenceRow; loaded: LoadedCase }> {
  if (!isUuid(evidenceId)) throw new DomainError('not_found');
  const evidence = await findEvidence(db, actor.organisationId, evidenceId);
  if (!evidence) throw new DomainError('not_found');
  const loaded = await loadCaseEvidence(db, actor, evidence.case_id, now, logAction);
  return { evidence, loaded };
}
