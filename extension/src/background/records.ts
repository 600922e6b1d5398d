// The capture list in chrome.storage.local, changed one update at a time (the worker interleaves
// captures and uploads; a read-modify-write must not lose another's change), and the worker's
// keep-alive while it has work in hand (an idle MV3 service worker is stopped after 30 s; a
// pending fetch alone does not count as activity, an extension API call does).
import { type CaptureRecord, getCaptures, KEYS } from '../shared/state';

let chain: Promise<unknown> = Promise.resolve();

function serialised<T>(work: () => Promise<T>): Promise<T> {
  const next = chain.then(work, work);
  chain = next.catch(() => undefined);
  return next;
}

export function updateCaptures(change: (records: CaptureRecord[]) => CaptureRecord[]): Promise<CaptureRecord[]> {
  return serialised(async () => {
    const next = change(await getCaptures());
    await chrome.storage.local.set({ [KEYS.captures]: next });
    return next;
  });
}

export function patchCapture(id: string, patch: Partial<CaptureRecord>): Promise<CaptureRecord | undefined> {
  return updateCaptures((records) => records.map((r) => (r.id === id ? { ...r, ...patch } : r))).then((records) =>
    records.find((r) => r.id === id),
  );
}

export async function findCapture(id: string): Promise<CaptureRecord | undefined> {
  return (await getCaptures()).find((r) => r.id === id);
}

let busy = 0;
let timer: ReturnType<typeof setInterval> | undefined;

/** Keeps the worker alive until `work` settles. */
export async function keepAlive<T>(work: () => Promise<T>): Promise<T> {
  busy += 1;
  timer ??= setInterval(() => void chrome.runtime.getPlatformInfo(), 20_000);
  try {
    return await work();
  } finally {
    busy -= 1;
    if (busy === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
