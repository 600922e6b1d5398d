// PATCH /records/{id} {data, version}: a correction is a new version — the previous ones stay
// in case_record_versions (records are evidence of what was done; none is ever deleted).
// Optimistic concurrency: the version read must still be the current one (409 stale_version).
// A communication draft edited after approval gets a new version that is not approved.
import type { z } from 'zod';
import { appendLedger } from '../../adapters/db/ledger.js';
import { insertRecordVersion, updateRecordData } from '../../adapters/db/records.js';
import type { RecordJson, updateRecordBody } from '../../contract/records.js';
import { DomainError } from '../../domain/errors.js';
import { bodyDigest } from '../../domain/ledger/chain.js';
import { sameContent, splitApproval } from '../../domain/records/data.js';
import { canEditRecord } from '../../domain/records/rules.js';
import type { Principal } from '../auth/principal.js';
import type { AppContext } from '../context.js';
import { applyPlan } from '../cases/procedure.js';
import { loadRecordForUpdate, recordFacts } from './load-record.js';
import { presentRecords } from './present-record.js';
import { checkRecordReferences, isRecordType, parseRecordData } from './record-data.js';

export async function updateRecord(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  input: { actor: Principal; recordId: string; body: z.infer<typeof updateRecordBody> },
): Promise<RecordJson> {
  const { actor, body } = input;
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (tx) => {
    const { loaded, record } = await loadRecordForUpdate(tx, actor, input.recordId, now);
    const { row, access } = loaded;
    if (!canEditRecord(access, actor.userId, recordFacts(record)))
      throw new DomainError('forbidden', { messageKey: 'record.error.edit_not_allowed' });
    if (row.status === 'closed') throw new DomainError('invalid_transition', { messageKey: 'case.error.closed' });
    if (body.version !== record.version) throw new DomainError('stale_version');
    if (!isRecordType(record.type)) throw new DomainError('invalid_transition');
    const content = parseRecordData(record.type, body.data);
    await checkRecordReferences(tx, row.id, record.type, content);

    const { content: current, approval } = splitApproval(record.data);
    if (sameContent(current, content)) {
      const [same] = await presentRecords(tx, [record], access, actor.userId);
      if (!same) throw new Error('record not presented');
      return same;
    }
    // Records written before versions were kept (intake instigators, reopen reasons) get their
    // first version kept now, so the history is complete.
    await insertRecordVersion(tx, {
      recordId: record.id,
      version: record.version,
      data: current,
      authorUserId: record.author_user_id,
      at: record.updated_at,
    });
    const version = record.version + 1;
    await insertRecordVersion(tx, { recordId: record.id, version, data: content, authorUserId: actor.userId, at: now });
    // The last approval stays recorded (of its version); the new version is not approved.
    const stored = approval ? { ...content, ...approval } : content;
    const updated = await updateRecordData(tx, record.id, { data: stored, version, at: now });
    await appendLedger(tx, {
      action: 'record.updated',
      at: now,
      actorId: actor.userId,
      organisationId: row.organisation_id,
      caseId: row.id,
      subject: { type: 'record', id: record.id },
      data: {
        type: record.type,
        version,
        dataDigest: bodyDigest(content),
        ...(record.type === 'instigator' && typeof content.kind === 'string' ? { kind: content.kind } : {}),
      },
    });
    if (record.type === 'instigator') await applyPlan(tx, ctx, row, actor.userId);
    await tx.updateTable('cases').set({ updated_at: now }).where('id', '=', row.id).execute();
    const [json] = await presentRecords(tx, [updated], access, actor.userId);
    if (!json) throw new Error('record not presented');
    return json;
  });
}
