// Every case read or write starts here: the case is found in the caller's organisation and the
// caller's access is checked (DESIGN.md §7). Not visible = not found (existence stays hidden).
import type { Queryable, Tx } from '../../adapters/db/database.js';
import { findCase, hasActiveGrant, lockCase, logCaseAccess, participantRolesOf } from '../../adapters/db/cases.js';
import { type CaseAccess, caseAccess } from '../../domain/cases/access.js';
import { DomainError } from '../../domain/errors.js';
import type { Principal } from '../auth/principal.js';
import type { CaseRow } from './procedure.js';

export interface LoadedCase {
  row: CaseRow;
  access: CaseAccess;
}

async function accessTo(db: Queryable, principal: Principal, row: CaseRow, now: Date): Promise<CaseAccess | undefined> {
  const [roles, grant] = await Promise.all([participantRolesOf(db, row.id, principal.userId), hasActiveGrant(db, row.id, principal.userId, now)]);
  return caseAccess({
    viewer: { userId: principal.userId, personId: principal.personId, roles: principal.roles },
    affectedPersonId: row.affected_person_id,
    participantRoles: roles,
    hasActiveGrant: grant,
  });
}

function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

/** Reads a case the caller may see; a read by anyone but the affected person goes to the access log. */
export async function loadCase(db: Queryable, principal: Principal, caseId: string, now: Date, logAction?: string): Promise<LoadedCase> {
  if (!isUuid(caseId)) throw new DomainError('not_found');
  const row = await findCase(db, principal.organisationId, caseId);
  if (!row) throw new DomainError('not_found');
  const access = await accessTo(db, principal, row, now);
  if (!access) throw new DomainError('not_found');
  if (logAction && access.kind !== 'affected') await logCaseAccess(db, row.id, principal.userId, logAction, now);
  return { row, access };
}

/** Same, locking the case row for the rest of the transaction (writes). */
export async function loadCaseForUpdate(tx: Tx, principal: Principal, caseId: string, now: Date): Promise<LoadedCase> {
  if (!isUuid(caseId)) throw new DomainError('not_found');
  const row = await lockCase(tx, principal.organisationId, caseId);
  if (!row) throw new DomainError('not_found');
  const access = await accessTo(tx, principal, row, now);
  if (!access) throw new DomainError('not_found');
  return { row, access };
}
