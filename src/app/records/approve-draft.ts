// POST /records/{id}/approve {version}: general direction approves one version of a
// communication draft (step 4.5.1). The approval is kept in the record's data
// (approvedVersion/approvedBy/approvedAt) and in the Ledger with a digest of the approved
// content, so what was approved can be proven later even after further edits.
import type { z } from 'zod';
import { appendLedger } from '../../adapters/db/ledger.js';
import { updateRecordData } from '../../adapters/db/records.js';
import type { approveRecordBody, RecordJson } from '../../contract/records.js';
import { DomainError } from '../../domain/errors.js';
import { bodyDigest } from '../../domain/ledger/chain.js';
import { splitApproval } from '../../domain/records/data.js';
import { canApproveDraft } from '../../domain/records/rules.js';
import type { Principal } from '../auth/principal.js';
import type { AppContext } from '../context.js';
import { loadRecordForUpdate } from './load-record.js';
import { presentRecords } from './present-record.js';

export async function approveDraft(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  input: { actor: Principal; recordId: string; body: z.infer<typeof approveRecordBody> },
): Promise<RecordJson> {
  const { actor, body } = input;
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (tx) => {
    const { loaded, record } = await loadRecordForUpdate(tx, actor, input.recordId, now);
    const { row, access } = loaded;
    if (record.type !== 'communication_draft') throw new DomainError('invalid_transition', { messageKey: 'record.error.not_a_draft' });
    if (!canApproveDraft(access)) throw new DomainError('forbidden', { messageKey: 'record.error.approve_not_allowed' });
    if (row.status === 'closed') throw new DomainError('invalid_transition', { messageKey: 'case.error.closed' });
    if (body.version !== record.version) throw new DomainError('stale_version');
    const { content, approval } = splitApproval(record.data);
    if (approval?.approvedVersion === record.version)
      throw new DomainError('invalid_transition', { messageKey: 'record.error.already_approved' });
    const updated = await updateRecordData(tx, record.id, {
      data: { ...content, approvedVersion: record.version, approvedBy: actor.userId, approvedAt: now.toISOString() },
      version: record.version,
      at: now,
    });
    await appendLedger(tx, {
      action: 'record.approved',
      at: now,
      actorId: actor.userId,
      organisationId: row.organisation_id,
      caseId: row.id,
      subject: { type: 'record', id: record.id },
      data: { type: record.type, version: record.version, dataDigest: bodyDigest(content) },
    });
    const [json] = await presentRecords(tx, [updated], access, actor.userId);
    if (!json) throw new Error('record not presented');
    return json;
  });
}
