// The page's side of the offline queue: what is waiting for the signed-in person (for the header,
// the banner and /en-attente), putting a report in the queue, and sending it again — at once
// when the network comes back (`online`), every few seconds then minutes while something waits,
// when the app comes back to the front, and through the service worker's Background Sync where
// the browser has it (Chrome on Android), which also works after the app was closed.
import { useSyncExternalStore } from 'react';
import { api } from '../../api/client';
import type { FileOrigin, QueuedFile, ReportPayload } from './model';
import { pruneShares } from './share-inbox';
import { type DeliveryStep, isPending, type SentNotice, sendItem, sendPendingFor, withSendLock, type Attempt } from './sender';
import {
  allItems,
  announce,
  deleteItem,
  type ItemRecord,
  newId,
  onVaultNotice,
  putFile,
  putRecord,
  sealJson,
  vaultAvailable,
} from './vault';

/** A file attached to the report form (picked, photographed or shared), in memory. */
export interface Attachment {
  id: string;
  blob: Blob;
  name: string;
  type: string;
  size: number;
  origin: FileOrigin;
  /** Hex SHA-256, computed when the file was added. */
  sha256: string;
  /** Kept for every retry of this file's upload. */
  idempotencyKey: string;
}

export interface QueueState {
  owner: string | undefined;
  /** This person's queued reports (plain fields only: the content stays sealed). */
  items: ItemRecord[];
  online: boolean;
  sending: boolean;
  /** Reports sent from this page's queue since it was opened, newest first. */
  sent: SentNotice[];
}

const FIRST_RETRY_MS = 5_000;
const MAX_RETRY_MS = 5 * 60_000;
export const SYNC_TAG = 'rempart-envoi';

let state: QueueState = {
  owner: undefined,
  items: [],
  online: typeof navigator === 'undefined' ? true : navigator.onLine,
  sending: false,
  sent: [],
};
const listeners = new Set<() => void>();
let timer: number | undefined;
let failures = 0;

function set(patch: Partial<QueueState>) {
  state = { ...state, ...patch };
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useQueue(): QueueState {
  return useSyncExternalStore(subscribe, () => state);
}

/** Reports waiting for this person (refused ones included: they need the person). */
export const waitingCount = (s: QueueState) => s.items.length;

async function reload(): Promise<void> {
  const owner = state.owner;
  if (!owner || !vaultAvailable()) return set({ items: [] });
  try {
    set({ items: (await allItems()).filter((i) => isPending(i, owner)) });
  } catch {
    set({ items: [] });
  }
}

function schedule(delay: number) {
  if (timer !== undefined) window.clearTimeout(timer);
  timer = window.setTimeout(() => {
    timer = undefined;
    void sendQueuedNow();
  }, delay);
}

/** Whether something could still go (refused reports and refused files wait for the person). */
export const retriable = (items: readonly ItemRecord[]) => items.some((i) => !i.problem && !i.complete);

/** Sends every queued report of the signed-in person now (if no other tab or the worker is at it). */
export async function sendQueuedNow(): Promise<void> {
  const owner = state.owner;
  if (!owner || !vaultAvailable() || state.sending) return;
  set({ sending: true });
  let result: Awaited<ReturnType<typeof sendPendingFor>> | undefined;
  try {
    result = await sendPendingFor(owner);
  } catch {
    result = undefined;
  } finally {
    set({ sending: false });
  }
  await reload();
  if (state.owner !== owner) return;
  if (result && !result.skipped && result.waiting === 0) failures = 0;
  else {
    failures += 1;
    // A session that ended elsewhere: the shared client's listeners send the person to sign in
    // (the reports stay queued and leave after).
    if (result?.waiting && navigator.onLine) void api.get('/api/v1/me').catch(() => undefined);
  }
  if (retriable(state.items)) schedule(Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, failures - 1)));
}

/** Asks the service worker to send when the network returns, even if the app is closed by then. */
async function requestBackgroundSync(): Promise<void> {
  try {
    const registration = await navigator.serviceWorker?.getRegistration();
    const sync = (registration as (ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }) | undefined)?.sync;
    await sync?.register(SYNC_TAG);
  } catch {
    // No Background Sync (Firefox, Safari): the page's own retries do the work.
  }
}

/** Starts watching the queue of `owner` (the signed-in person); returns the stop function. */
export function startQueue(owner: string): () => void {
  if (state.owner !== owner) {
    failures = 0;
    set({ owner, sent: [] });
  }
  // The network may have come or gone since this module loaded.
  if (state.online !== navigator.onLine) set({ online: navigator.onLine });
  void reload().then(() => {
    if (state.online && retriable(state.items)) void sendQueuedNow();
  });
  if (vaultAvailable()) void pruneShares().catch(() => undefined);
  const onOnline = () => {
    failures = 0;
    set({ online: true });
    void sendQueuedNow();
  };
  const onOffline = () => set({ online: false });
  const onVisible = () => {
    if (document.visibilityState === 'visible' && retriable(state.items)) void sendQueuedNow();
  };
  const stopNotices = onVaultNotice((notice, detail) => {
    if (notice === 'sent' && detail && (detail as SentNotice).id) {
      const sent = detail as SentNotice;
      if (!state.sent.some((s) => s.id === sent.id)) set({ sent: [sent, ...state.sent].slice(0, 20) });
    }
    void reload();
  });
  window.addEventListener('online', onOnline);
  window.addEventListener('offline', onOffline);
  document.addEventListener('visibilitychange', onVisible);
  return () => {
    window.removeEventListener('online', onOnline);
    window.removeEventListener('offline', onOffline);
    document.removeEventListener('visibilitychange', onVisible);
    stopNotices();
    if (timer !== undefined) window.clearTimeout(timer);
    timer = undefined;
  };
}

/** Forgets the person (sign-out): nothing is shown or sent until the next sign-in. */
export function resetQueue(): void {
  if (timer !== undefined) window.clearTimeout(timer);
  timer = undefined;
  failures = 0;
  set({ owner: undefined, items: [], sent: [] });
}

export type NewReport = Omit<ReportPayload, 'files'>;

/**
 * Puts a report and its files in the encrypted queue. Its keys (the case's Idempotency-Key, one
 * per file) are in it, so every later sending is a retry of this one.
 */
export async function queueReport(owner: string, report: NewReport, attachments: readonly Attachment[]): Promise<string> {
  const id = newId();
  const files: QueuedFile[] = [];
  for (const a of attachments) {
    const fileId = newId();
    await putFile(id, fileId, await a.blob.arrayBuffer());
    files.push({
      id: fileId,
      name: a.name,
      type: a.type,
      size: a.size,
      sha256: a.sha256,
      idempotencyKey: a.idempotencyKey,
      origin: a.origin,
    });
  }
  const payload: ReportPayload = { ...report, files };
  await putRecord('items', {
    id,
    kind: 'report',
    owner,
    createdAt: Date.now(),
    sealed: await sealJson(payload, `item:${id}`),
    ...(report.target.kind === 'existing' ? { caseId: report.target.caseId, reference: report.target.reference } : {}),
  } satisfies ItemRecord);
  announce('changed');
  void requestBackgroundSync();
  return id;
}

/** Sends one queued report now, waiting for another sender to finish first. */
export async function sendOne(id: string, onStep?: (step: DeliveryStep) => void): Promise<Attempt | undefined> {
  set({ sending: true });
  try {
    return await withSendLock(() => sendItem(id, onStep), true);
  } finally {
    set({ sending: false });
    await reload();
    if (retriable(state.items) && timer === undefined) schedule(FIRST_RETRY_MS);
  }
}

/** The person removes a report from the device (a refused one, or one they no longer want sent). */
export async function removeQueued(id: string): Promise<void> {
  await deleteItem(id);
  announce('changed');
}

export function newAttachmentId(): string {
  return newId();
}
