// GET /cases/{id}/records?type= and GET /records/{id}(/versions): what the caller may see of a
// case's records (never someone else's private note; not the privileged types for the union).
// A read by anyone but the affected person goes to the access log.
import type { z } from 'zod';
import { listCaseRecords, listRecordVersions } from '../../adapters/db/records.js';
import type { RecordJson, recordVersionSchema } from '../../contract/records.js';
import { seesRecord } from '../../domain/records/rules.js';
import { splitApproval } from '../../domain/records/data.js';
import type { Principal } from '../auth/principal.js';
import type { AppContext } from '../context.js';
import { loadCase } from '../cases/load-case.js';
import { userNames } from '../cases/present.js';
import { loadRecord, recordFacts } from './load-record.js';
import { presentRecords } from './present-record.js';

export async function listRecords(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  input: { actor: Principal; caseId: string; type?: string | undefined },
): Promise<RecordJson[]> {
  const { row, access } = await loadCase(ctx.db, input.actor, input.caseId, ctx.clock.now(), 'records.view');
  const rows = (await listCaseRecords(ctx.db, row.id, input.type)).filter((r) => seesRecord(access, input.actor.userId, recordFacts(r)));
  return presentRecords(ctx.db, rows, access, input.actor.userId);
}

export async function getRecord(ctx: Pick<AppContext, 'db' | 'clock'>, input: { actor: Principal; recordId: string }): Promise<RecordJson> {
  const { loaded, record } = await loadRecord(ctx.db, input.actor, input.recordId, ctx.clock.now(), 'record.view');
  const [json] = await presentRecords(ctx.db, [record], loaded.access, input.actor.userId);
  if (!json) throw new Error('record not presented');
  return json;
}

export async function listVersions(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  input: { actor: Principal; recordId: string },
): Promise<Array<z.infer<typeof recordVersionSchema>>> {
  const { record } = await loadRecord(ctx.db, input.actor, input.recordId, ctx.clock.now(), 'record.view');
  const versions = await listRecordVersions(ctx.db, record.id);
  const { content, approval } = splitApproval(record.data);
  // A record written before versions were kept shows its current data as its only version.
  const all =
    versions.length > 0
      ? versions.map((v) => ({
          version: v.version,
          data: splitApproval(v.data).content,
          authorUserId: v.author_user_id,
          createdAt: v.created_at,
        }))
      : [{ version: record.version, data: content, authorUserId: record.author_user_id, createdAt: record.updated_at }];
  const names = await userNames(
    ctx.db,
    all.map((v) => v.authorUserId),
  );
  return all.map((v) => ({
    version: v.version,
    data: v.data,
    authorUserId: v.authorUserId,
    authorName: names.get(v.authorUserId) ?? null,
    createdAt: v.createdAt.toISOString(),
    approved: approval?.approvedVersion === v.version,
  }));
}
