// Sending a report that has files, goes to an existing case, or is written without network
// (the report form calls this; a plain online report without files keeps the form's own path).
// With the device store (HTTPS, WebCrypto, IndexedDB) the report is first put in the encrypted
// queue — so nothing is lost if the network drops halfway — then sent at once when online; what
// cannot go now waits there and leaves by itself later. Without it (an intranet on plain HTTP)
// it is sent straight from memory, with the same keys on every retry of the form.
import { ApiError } from '../../api/client';
import type { FileOrigin } from './model';
import { type Attachment, type NewReport, queueReport, removeQueued, sendOne } from './queue';
import { type DeliveryStep, deliver, type Progress } from './sender';
import { discardShare } from './share-inbox';
import { vaultAvailable } from './vault';

export type SendOutcome =
  | { kind: 'sent'; caseId: string; reference: string | undefined; target: 'new' | 'existing' }
  | { kind: 'queued'; id: string }
  | { kind: 'error'; error: ApiError };

const asError = (problem: { code: string; message: string }, status: number) =>
  new ApiError({ code: problem.code as ApiError['code'], status, message: problem.message });

export interface SendInput {
  owner: string;
  report: NewReport;
  attachments: readonly Attachment[];
  /** The share these attachments came from: it is discarded once they are safe in the queue. */
  shareId?: string | undefined;
  /** Keeps the progress of a memory-only sending between retries of the same form. */
  memory: { progress?: Progress };
  onStep?(step: DeliveryStep): void;
}

export const deviceQueueAvailable = vaultAvailable;

export async function sendReport(input: SendInput): Promise<SendOutcome> {
  const target = input.report.target.kind;
  if (vaultAvailable()) {
    const id = await queueReport(input.owner, input.report, input.attachments);
    if (input.shareId) await discardShare(input.shareId).catch(() => undefined);
    if (!navigator.onLine) return { kind: 'queued', id };
    const attempt = await sendOne(id, input.onStep);
    if (attempt?.status === 'sent' && attempt.problems === 0)
      return { kind: 'sent', caseId: attempt.caseId, reference: attempt.reference, target };
    if (attempt?.status === 'refused') {
      // Refused as written (a closed case, an invalid field): back to the form, nothing kept.
      await removeQueued(id);
      return { kind: 'error', error: asError(attempt.problem, 400) };
    }
    return { kind: 'queued', id };
  }

  // No device store: straight from memory.
  const files = input.attachments.map((a) => ({
    id: a.id,
    name: a.name,
    type: a.type,
    size: a.size,
    sha256: a.sha256,
    idempotencyKey: a.idempotencyKey,
    origin: a.origin satisfies FileOrigin,
  }));
  const blobs = new Map(input.attachments.map((a) => [a.id, a.blob]));
  if (!input.memory.progress) input.memory.progress = { linksDone: 0, filesDone: [], fileProblems: {} };
  const progress = input.memory.progress;
  const attempt = await deliver({ ...input.report, files }, progress, {
    file: async (f) => blobs.get(f.id),
    save: async () => undefined,
    ...(input.onStep ? { onStep: input.onStep } : {}),
  });
  if (attempt.status === 'sent') {
    const refused = files.map((f) => progress.fileProblems[f.id]).find(Boolean);
    if (refused) return { kind: 'error', error: asError(refused, 422) };
    return { kind: 'sent', caseId: attempt.caseId, reference: attempt.reference, target };
  }
  if (attempt.status === 'refused') return { kind: 'error', error: asError(attempt.problem, 400) };
  return {
    kind: 'error',
    error: new ApiError({ code: attempt.reason === 'signed_out' ? 'unauthenticated' : 'network', status: 0, message: '' }),
  };
}
