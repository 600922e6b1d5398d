// POST /cases/{id}/records: a typed record on a case (Cases issue, "Records"). In one
// transaction: the record, its first version, its Ledger entry (ids, type and a digest of the
// data — never the text), and, for an instigator, the procedure brought up to date (a student
// instigator makes step 4.2.4 appear, any known instigator 4.2.3).
import { appendLedger } from '../../adapters/db/ledger.js';
import { insertRecord, insertRecordVersion } from '../../adapters/db/records.js';
import type { CreateRecordInput, RecordJson } from '../../contract/records.js';
import { DomainError } from '../../domain/errors.js';
import { bodyDigest } from '../../domain/ledger/chain.js';
import { normaliseRecordData } from '../../domain/records/data.js';
import { canWriteRecord } from '../../domain/records/rules.js';
import type { Principal } from '../auth/principal.js';
import type { AppContext } from '../context.js';
import { loadCaseForUpdate } from '../cases/load-case.js';
import { applyPlan } from '../cases/procedure.js';
import { presentRecords } from './present-record.js';
import { checkRecordReferences } from './record-data.js';

export async function createRecord(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  input: { actor: Principal; caseId: string; body: CreateRecordInput },
): Promise<RecordJson> {
  const { actor, body } = input;
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (tx) => {
    const { row, access } = await loadCaseForUpdate(tx, actor, input.caseId, now);
    if (!canWriteRecord(access, body.type)) throw new DomainError('forbidden', { messageKey: 'record.error.type_not_allowed' });
    if (row.status === 'closed') throw new DomainError('invalid_transition', { messageKey: 'case.error.closed' });
    const data = normaliseRecordData(body.data);
    await checkRecordReferences(tx, row.id, body.type, data);
    const isPrivate = body.type === 'note' && body.private === true;
    const record = await insertRecord(tx, {
      caseId: row.id,
      type: body.type,
      data,
      private: isPrivate,
      authorUserId: actor.userId,
      at: now,
    });
    await insertRecordVersion(tx, { recordId: record.id, version: 1, data, authorUserId: actor.userId, at: now });
    await appendLedger(tx, {
      action: 'record.created',
      at: now,
      actorId: actor.userId,
      organisationId: row.organisation_id,
      caseId: row.id,
      subject: { type: 'record', id: record.id },
      data: {
        type: body.type,
        version: 1,
        private: isPrivate,
        dataDigest: bodyDigest(data),
        ...(body.type === 'instigator' ? { kind: body.data.kind } : {}),
      },
    });
    if (body.type === 'instigator') await applyPlan(tx, ctx, row, actor.userId);
    await tx.updateTable('cases').set({ updated_at: now }).where('id', '=', row.id).execute();
    const [json] = await presentRecords(tx, [record], access, actor.userId);
    if (!json) throw new Error('record not presented');
    return json;
  });
}
