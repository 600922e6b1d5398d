// Sending captures (POST /api/v1/cases/{id}/evidence, DESIGN.md §5): one multipart request per
// capture with each file followed by its `sha256`, the `meta` JSON and the capture's id as
// Idempotency-Key, so a retry after a lost answer returns the first evidence instead of making a
// second. A capture stays queued until the server answered 201 (sealed) or refused it for good
// (a 4xx: shown as failed, with the server's message, until the person retries or discards it).
// Network failures, 5xx and 429 are retried with exponential backoff (2 s, 4 s, 8 s … 5 min); an
// alarm wakes the worker for retries due after it was stopped, and at every browser start.
import { type ApiError, errorFrom, type Evidence } from '../shared/api';
import { apiLanguage } from '../shared/i18n';
import { type CaptureRecord, getAuth, getCaptures } from '../shared/state';
import { deleteFiles, getFiles } from './blob-db';
import { findCapture, keepAlive, patchCapture, updateCaptures } from './records';

export const RETRY_ALARM = 'rempart-retry';
const BASE_DELAY_MS = 2_000;
const MAX_DELAY_MS = 5 * 60_000;
/** An upload that has not answered in this long is treated as a network failure (and retried). */
const UPLOAD_TIMEOUT_MS = 10 * 60_000;

let running: Promise<void> | undefined;
let rerun = false;
let wakeTimer: ReturnType<typeof setTimeout> | undefined;

export function backoffMs(attempts: number): number {
  const base = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

/** Runs the queue now (or once more after the current pass). */
export function kickQueue(): void {
  if (running) {
    rerun = true;
    return;
  }
  running = keepAlive(async () => {
    do {
      rerun = false;
      await processDue();
    } while (rerun);
  }).finally(() => {
    running = undefined;
  });
}

/**
 * At worker start (only then: nothing of this worker runs yet): uploads cut short by a stopped
 * worker are queued again; captures it was making cannot resume and are shown as failed.
 */
export async function recoverAtStartup(): Promise<void> {
  await updateCaptures((records) =>
    records.map((r) => {
      if (r.status === 'uploading') return { ...r, status: 'queued' };
      if (r.status === 'capturing') return { ...r, status: 'failed', step: undefined, error: { code: 'capture_interrupted', message: '' } };
      return r;
    }),
  );
  kickQueue();
}

async function processDue(): Promise<void> {
  const auth = await getAuth();
  const now = Date.now();
  const queued = (await getCaptures()).filter((r) => r.status === 'queued').reverse();
  for (const record of queued) {
    // Kept until the extension is paired (again) with the server the capture was meant for.
    if (!auth || auth.serverUrl !== record.serverUrl) continue;
    if (record.nextAttemptAt && Date.parse(record.nextAttemptAt) > now) continue;
    await upload(record, auth.token);
  }
  await scheduleWake();
}

/** The next retry: a timer while the worker lives, an alarm in case it is stopped first. */
async function scheduleWake(): Promise<void> {
  const due = (await getCaptures())
    .filter((r) => r.status === 'queued' && r.nextAttemptAt)
    .map((r) => Date.parse(r.nextAttemptAt ?? ''))
    .sort((a, b) => a - b)[0];
  if (wakeTimer) clearTimeout(wakeTimer);
  wakeTimer = undefined;
  if (due === undefined) {
    await chrome.alarms.clear(RETRY_ALARM);
    return;
  }
  const delay = Math.max(0, due - Date.now());
  wakeTimer = setTimeout(kickQueue, delay);
  // Alarms fire no sooner than 30 s: the timer handles short waits, the alarm a stopped worker.
  await chrome.alarms.create(RETRY_ALARM, { when: Math.max(due, Date.now() + 30_000) });
}

async function testCorruption(): Promise<boolean> {
  if (!__REMPART_TEST_HOOKS__) return false;
  const { 'test.corruptNext': corrupt } = await chrome.storage.local.get('test.corruptNext');
  if (corrupt) await chrome.storage.local.remove('test.corruptNext');
  return Boolean(corrupt);
}

async function form(record: CaptureRecord): Promise<FormData | undefined> {
  const stored = await getFiles(record.id);
  if (!stored || !record.meta) return undefined;
  const body = new FormData();
  body.append('meta', JSON.stringify(record.meta));
  const corrupt = await testCorruption();
  record.files.forEach((file, index) => {
    let blob = stored.find((s) => s.name === file.name)?.blob;
    if (!blob) return;
    // Test build: one byte changed after hashing, so the server must refuse (hash_mismatch).
    if (corrupt && index === 0) blob = new Blob([blob, new Uint8Array([0])], { type: blob.type });
    body.append('file', blob, file.name);
    body.append('sha256', file.sha256);
  });
  return body;
}

async function upload(record: CaptureRecord, token: string): Promise<void> {
  const body = await form(record);
  if (!body) {
    await patchCapture(record.id, { status: 'failed', error: { code: 'files_missing', message: 'files_missing' } });
    return;
  }
  const attempts = record.attempts + 1;
  await patchCapture(record.id, { status: 'uploading', attempts, nextAttemptAt: undefined });
  let response: Response;
  try {
    response = await fetch(`${record.serverUrl}/api/v1/cases/${encodeURIComponent(record.caseId)}/evidence`, {
      method: 'POST',
      headers: {
        accept: 'application/json',
        'accept-language': apiLanguage(),
        authorization: `Bearer ${token}`,
        'idempotency-key': record.id,
      },
      body,
      credentials: 'omit',
      cache: 'no-store',
      signal: AbortSignal.timeout(UPLOAD_TIMEOUT_MS),
    });
  } catch (error) {
    await retryLater(record.id, attempts, error instanceof Error ? error.message : String(error));
    return;
  }
  if (response.status === 201 || response.status === 200) {
    const evidence = (await response.json()) as Evidence;
    await patchCapture(record.id, {
      status: 'sealed',
      evidenceId: evidence.id,
      manifestSha256: evidence.manifestSha256 ?? undefined,
      sealedAt: evidence.sealedAt ?? new Date().toISOString(),
      lastError: undefined,
      error: undefined,
    });
    await deleteFiles(record.id);
    return;
  }
  const refused = await errorFrom(response);
  if (response.status >= 500 || response.status === 429 || response.status === 408) {
    await retryLater(record.id, attempts, refused.message, refused.retryAfterSeconds);
    return;
  }
  await fail(record.id, refused);
}

async function retryLater(id: string, attempts: number, message: string, retryAfterSeconds?: number): Promise<void> {
  const delay = Math.max(backoffMs(attempts), (retryAfterSeconds ?? 0) * 1000);
  await patchCapture(id, { status: 'queued', lastError: message, nextAttemptAt: new Date(Date.now() + delay).toISOString() });
}

async function fail(id: string, error: ApiError): Promise<void> {
  await patchCapture(id, { status: 'failed', error: { code: error.code, message: error.message, status: error.status } });
}

/** The person asked to try a failed capture again (same files, same Idempotency-Key). */
export async function retryCapture(id: string): Promise<void> {
  const record = await findCapture(id);
  if (record?.status !== 'failed' || !record.meta) return;
  await patchCapture(id, { status: 'queued', error: undefined, nextAttemptAt: undefined });
  kickQueue();
}

/** The person discarded a capture: its record and its files go. */
export async function discardCapture(id: string): Promise<void> {
  await updateCaptures((records) => records.filter((r) => r.id !== id || r.status === 'uploading' || r.status === 'capturing'));
  if (!(await findCapture(id))) await deleteFiles(id);
}
