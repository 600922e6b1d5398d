// Every record read or write starts here: the record's case is loaded through loadCase /
// loadCaseForUpdate (404 when the case is not visible), then the record's own visibility is
// checked (a private note of someone else is a 404 too: its existence stays hidden).
import type { Selectable } from 'kysely';
import { logCaseAccess } from '../../adapters/db/cases.js';
import type { Queryable, Tx } from '../../adapters/db/database.js';
import { findRecord, findRecordCaseId, lockRecord } from '../../adapters/db/records.js';
import type { CaseRecordsTable } from '../../adapters/db/schema-cases.js';
import { DomainError } from '../../domain/errors.js';
import { seesRecord } from '../../domain/records/rules.js';
import type { Principal } from '../auth/principal.js';
import { type LoadedCase, loadCase, loadCaseForUpdate } from '../cases/load-case.js';

export type CaseRecordRow = Selectable<CaseRecordsTable>;

export interface LoadedRecord {
  loaded: LoadedCase;
  record: CaseRecordRow;
}

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

export function recordFacts(r: CaseRecordRow) {
  return { type: r.type, private: r.private, authorUserId: r.author_user_id };
}

export async function loadRecord(db: Queryable, actor: Principal, recordId: string, now: Date, logAction?: string): Promise<LoadedRecord> {
  if (!isUuid(recordId)) throw new DomainError('not_found');
  const caseId = await findRecordCaseId(db, recordId);
  if (!caseId) throw new DomainError('not_found');
  const loaded = await loadCase(db, actor, caseId, now);
  const record = await findRecord(db, recordId);
  if (!record || !seesRecord(loaded.access, actor.userId, recordFacts(record))) throw new DomainError('not_found');
  if (logAction && loaded.access.kind !== 'affected') await logCaseAccess(db, caseId, actor.userId, logAction, now);
  return { loaded, record };
}

/** Same, with the case and then the record locked for the rest of the transaction. */
export async function loadRecordForUpdate(tx: Tx, actor: Principal, recordId: string, now: Date): Promise<LoadedRecord> {
  if (!isUuid(recordId)) throw new DomainError('not_found');
  const caseId = await findRecordCaseId(tx, recordId);
  if (!caseId) throw new DomainError('not_found');
  const loaded = await loadCaseForUpdate(tx, actor, caseId, now);
  const record = await lockRecord(tx, recordId);
  if (!record || !seesRecord(loaded.access, actor.userId, recordFacts(record))) throw new DomainError('not_found');
  return { loaded, record };
}
