// Record JSON (src/contract/records.ts) for one reader.
import type { Queryable } from '../../adapters/db/database.js';
import type { RecordJson } from '../../contract/records.js';
import type { CaseAccess } from '../../domain/cases/access.js';
import { splitApproval } from '../../domain/records/data.js';
import { canEditRecord } from '../../domain/records/rules.js';
import { userNames } from '../cases/present.js';
import { type CaseRecordRow, recordFacts } from './load-record.js';

export function presentRecord(r: CaseRecordRow, names: ReadonlyMap<string, string>, access: CaseAccess, viewerId: string): RecordJson {
  const { content, approval } = splitApproval(r.data);
  const base = {
    id: r.id,
    caseId: r.case_id,
    private: r.private,
    authorUserId: r.author_user_id,
    authorName: names.get(r.author_user_id) ?? null,
    version: r.version,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    canEdit: canEditRecord(access, viewerId, recordFacts(r)),
  };
  if (r.type === 'communication_draft') {
    return {
      ...base,
      type: 'communication_draft',
      data: content,
      approval: approval
        ? {
            version: approval.approvedVersion,
            approvedBy: approval.approvedBy,
            approvedByName: names.get(approval.approvedBy) ?? null,
            approvedAt: approval.approvedAt,
          }
        : null,
      approved: approval?.approvedVersion === r.version,
    } as RecordJson;
  }
  // The stored data was validated against its type's schema when written; the response schema
  // checks it again on the way out.
  return { ...base, type: r.type, data: content } as RecordJson;
}

export async function presentRecords(
  db: Queryable,
  rows: readonly CaseRecordRow[],
  access: CaseAccess,
  viewerId: string,
): Promise<RecordJson[]> {
  const ids = new Set<string>();
  for (const r of rows) {
    ids.add(r.author_user_id);
    const { approval } = splitApproval(r.data);
    if (approval) ids.add(approval.approvedBy);
  }
  const names = await userNames(db, ids);
  return rows.map((r) => presentRecord(r, names, access, viewerId));
}
