// Sends queued reports (and their photos) to the server, from the page or from the service worker
// (Background Sync). Every request of a report carries keys made when it was written: the case's
// Idempotency-Key, and one per file, so any number of retries, from any context, opens one case and
// stores each file once. Progress (case created, links added, files sent) is saved after each
// step, so a retry resumes where the last one stopped. DOM-free: fetch, FormData, IndexedDB.
import type { QueuedFile, ReportPayload } from './model';
import {
  allItems,
  announce,
  deleteFile,
  deleteItem,
  getRecord,
  type ItemProblem,
  type ItemRecord,
  openJson,
  readFile,
  updateItem,
} from './vault';

/** Why a report is still waiting: no network, a server error, or no signed-in session. */
export type WaitReason = 'network' | 'server' | 'signed_out';

export type Attempt =
  | { status: 'sent'; caseId: string; reference: string | undefined; problems: number }
  | { status: 'waiting'; reason: WaitReason }
  | { status: 'refused'; problem: ItemProblem };

export interface Progress {
  caseId?: string | undefined;
  reference?: string | undefined;
  linksDone: number;
  filesDone: string[];
  fileProblems: Record<string, ItemProblem>;
}

export type DeliveryStep =
  | { step: 'case' }
  | { step: 'link'; index: number; total: number }
  | { step: 'file'; index: number; total: number };

export interface DeliveryIo {
  file(file: QueuedFile): Promise<Blob | undefined>;
  save(progress: Progress): Promise<void>;
  fileSent?(file: QueuedFile): Promise<void>;
  onStep?(step: DeliveryStep): void;
}

type Answer =
  | { ok: true; data: unknown }
  | { ok: false; wait: WaitReason; problem: ItemProblem }
  | { ok: false; wait: undefined; problem: ItemProblem };

async function call(path: string, init: { method: 'POST'; headers: Record<string, string>; body: BodyInit }): Promise<Answer> {
  let response: Response;
  try {
    response = await fetch(path, {
      ...init,
      headers: { accept: 'application/json', ...init.headers },
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    return { ok: false, wait: 'network', problem: { code: 'network', message: '' } };
  }
  let data: unknown;
  try {
    const text = await response.text();
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (response.ok) return { ok: true, data };
  const error = (data as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  const problem = {
    code: typeof error?.code === 'string' ? error.code : 'unexpected',
    message: typeof error?.message === 'string' ? error.message : '',
  };
  if (response.status === 401 || problem.code === 'totp_enrolment_required') return { ok: false, wait: 'signed_out', problem };
  if (response.status >= 500 || response.status === 429 || response.status === 408) return { ok: false, wait: 'server', problem };
  return { ok: false, wait: undefined, problem };
}

const captureTool: Record<QueuedFile['origin'], string> = {
  share: 'rempart-app/share',
  camera: 'rempart-app/camera',
  picker: 'rempart-app/upload',
};

/**
 * One report, from where it stopped: the case (new: POST /cases with its key; existing: its
 * links as locations), then each file as its own evidence with its SHA-256.
 */
export async function deliver(payload: ReportPayload, progress: Progress, io: DeliveryIo): Promise<Attempt> {
  const headers = { 'accept-language': payload.locale };
  const target = payload.target;

  if (target.kind === 'existing') {
    progress.caseId = target.caseId;
    progress.reference = target.reference;
  } else if (!progress.caseId) {
    io.onStep?.({ step: 'case' });
    const answer = await call('/api/v1/cases', {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', 'idempotency-key': target.idempotencyKey },
      body: JSON.stringify(target.body),
    });
    if (!answer.ok) return answer.wait ? { status: 'waiting', reason: answer.wait } : { status: 'refused', problem: answer.problem };
    const created = answer.data as { id: string; reference?: string };
    progress.caseId = created.id;
    progress.reference = created.reference;
    await io.save(progress);
  }
  const caseId = progress.caseId;
  const casePath = `/api/v1/cases/${encodeURIComponent(caseId)}`;

  if (target.kind === 'existing') {
    for (let index = progress.linksDone; index < target.urls.length; index += 1) {
      io.onStep?.({ step: 'link', index, total: target.urls.length });
      const answer = await call(`${casePath}/locations`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ url: target.urls[index] }),
      });
      // 409 conflict: the link is already in the case — what we wanted.
      if (!answer.ok && answer.wait) return { status: 'waiting', reason: answer.wait };
      if (!answer.ok && answer.problem.code !== 'conflict') return { status: 'refused', problem: answer.problem };
      progress.linksDone = index + 1;
      await io.save(progress);
    }
  }

  const files = payload.files;
  for (const [index, file] of files.entries()) {
    if (progress.filesDone.includes(file.id) || progress.fileProblems[file.id]) continue;
    io.onStep?.({ step: 'file', index, total: files.length });
    const blob = await io.file(file);
    if (!blob) {
      progress.fileProblems[file.id] = { code: 'missing', message: '' };
      await io.save(progress);
      continue;
    }
    const form = new FormData();
    form.append('file', blob, file.name);
    form.append('sha256', file.sha256);
    const meta: Record<string, string> = { title: file.name.slice(0, 500), captureTool: captureTool[file.origin] };
    if (payload.comment) meta.comment = payload.comment.slice(0, 5000);
    if (payload.sourceUrl) meta.sourceUrl = payload.sourceUrl;
    form.append('meta', JSON.stringify(meta));
    const answer = await call(`${casePath}/evidence`, {
      method: 'POST',
      headers: { ...headers, 'idempotency-key': file.idempotencyKey },
      body: form,
    });
    if (!answer.ok && answer.wait) return { status: 'waiting', reason: answer.wait };
    if (!answer.ok) progress.fileProblems[file.id] = answer.problem;
    else {
      progress.filesDone.push(file.id);
      await io.fileSent?.(file);
    }
    await io.save(progress);
  }
  return { status: 'sent', caseId, reference: progress.reference, problems: Object.keys(progress.fileProblems).length };
}

/** The queued reports of one user that still have something to send. */
export function isPending(item: ItemRecord, owner: string): boolean {
  return item.kind === 'report' && item.owner === owner;
}

export interface SentNotice {
  id: string;
  caseId: string;
  reference: string | undefined;
  target: 'new' | 'existing';
}

/** Sends one queued report (its stored progress first); the report is deleted once all is sent. */
export async function sendItem(id: string, onStep?: (step: DeliveryStep) => void): Promise<Attempt | undefined> {
  const item = await getRecord<ItemRecord>('items', id);
  if (item?.kind !== 'report' || item.problem || item.complete) return undefined;
  const payload = await openJson<ReportPayload>(item.sealed, `item:${id}`);
  const progress: Progress = {
    caseId: item.caseId,
    reference: item.reference,
    linksDone: item.linksDone ?? 0,
    filesDone: item.filesDone ?? [],
    fileProblems: item.fileProblems ?? {},
  };
  await updateItem(id, (i) => {
    i.attempts = (i.attempts ?? 0) + 1;
    i.lastTriedAt = Date.now();
  });
  const attempt = await deliver(payload, progress, {
    file: (f) => readFile(f.id, f.type),
    save: async (p) => {
      await updateItem(id, (i) => {
        if (p.caseId) i.caseId = p.caseId;
        if (p.reference) i.reference = p.reference;
        i.linksDone = p.linksDone;
        i.filesDone = [...p.filesDone];
        i.fileProblems = { ...p.fileProblems };
      });
      announce('changed');
    },
    fileSent: (f) => deleteFile(f.id),
    ...(onStep ? { onStep } : {}),
  });
  if (attempt.status === 'sent' && attempt.problems === 0) {
    await deleteItem(id);
    announce('sent', { id, caseId: attempt.caseId, reference: attempt.reference, target: payload.target.kind } satisfies SentNotice);
  } else if (attempt.status === 'sent') {
    await updateItem(id, (i) => {
      i.complete = true;
    });
    announce('changed');
  } else if (attempt.status === 'refused') {
    await updateItem(id, (i) => {
      i.problem = attempt.problem;
    });
    announce('changed');
  } else {
    announce('changed');
  }
  return attempt;
}

/**
 * Only one context sends at a time (Web Locks, where the browser has them): a tab and the
 * service worker never race on the same report. `wait`: queue behind the current sender
 * instead of giving up.
 */
export async function withSendLock<T>(fn: () => Promise<T>, wait: boolean): Promise<T | undefined> {
  const locks = (globalThis.navigator as { locks?: LockManager } | undefined)?.locks;
  if (!locks) return fn();
  return locks.request('rempart-envoi', { ifAvailable: !wait }, async (lock) => (lock ? fn() : undefined));
}

/** Every pending report of `owner`, oldest first; stops at the first "no network" or "signed out". */
export async function sendPendingFor(owner: string): Promise<{ sent: number; waiting: number; skipped: boolean }> {
  const run = async () => {
    let sent = 0;
    let waiting = 0;
    for (const item of (await allItems()).filter((i) => isPending(i, owner))) {
      const attempt = await sendItem(item.id);
      if (attempt?.status === 'sent' && attempt.problems === 0) sent += 1;
      if (attempt?.status === 'waiting') {
        waiting += 1;
        if (attempt.reason !== 'server') break;
      }
    }
    return { sent, waiting, skipped: false };
  };
  return (await withSendLock(run, false)) ?? { sent: 0, waiting: 0, skipped: true };
}
