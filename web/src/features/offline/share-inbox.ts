// Files and links shared into the installed app (Android's share sheet → Web Share Target,
// manifest `share_target` → POST /partager). The service worker keeps them here, encrypted, and
// opens /signaler?partage=<id>; the report form reads them back and attaches them. Nothing is
// sent to the server until the person sends the report. Runs in the service worker and the page.
import { ACCEPTED_TYPES, MAX_FILE_BYTES, MAX_FILES, type SharedFile, type SharePayload } from './model';
import {
  allItems,
  announce,
  deleteItem,
  getRecord,
  type ItemRecord,
  newId,
  openJson,
  putFile,
  putRecord,
  readFile,
  sealJson,
} from './vault';

const text = (value: FormDataEntryValue | null, max: number) =>
  typeof value === 'string' && value.trim() ? value.trim().slice(0, max) : undefined;

const hex = (buffer: ArrayBuffer) => [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');

/** Stores what was shared (title, text, url, files) and returns the id to open it with. */
export async function storeShare(form: FormData): Promise<string> {
  const id = newId();
  const candidates = form.getAll('files').filter((f): f is File => typeof f !== 'string');
  const files: SharedFile[] = [];
  let skipped = 0;
  for (const file of candidates) {
    const type = file.type || 'application/octet-stream';
    if (files.length >= MAX_FILES || file.size === 0 || file.size > MAX_FILE_BYTES || !ACCEPTED_TYPES.test(type)) {
      skipped += 1;
      continue;
    }
    const bytes = await file.arrayBuffer();
    const fileId = newId();
    const sha256 = hex(await crypto.subtle.digest('SHA-256', bytes));
    await putFile(id, fileId, bytes);
    files.push({ id: fileId, name: file.name || 'partage', type, size: file.size, sha256 });
  }
  const payload: SharePayload = {
    ...(text(form.get('title'), 500) ? { title: text(form.get('title'), 500) } : {}),
    ...(text(form.get('text'), 20_000) ? { text: text(form.get('text'), 20_000) } : {}),
    ...(text(form.get('url'), 2048) ? { url: text(form.get('url'), 2048) } : {}),
    files,
    skipped,
  };
  const record: ItemRecord = { id, kind: 'share', owner: null, createdAt: Date.now(), sealed: await sealJson(payload, `item:${id}`) };
  await putRecord('items', record);
  announce('changed');
  return id;
}

export interface OpenedShare extends SharePayload {
  id: string;
  blobs: Map<string, Blob>;
}

/** The share with its files (decrypted, in memory); undefined if it is gone (sent, erased). */
export async function readShare(id: string): Promise<OpenedShare | undefined> {
  const record = await getRecord<ItemRecord>('items', id);
  if (record?.kind !== 'share') return undefined;
  const payload = await openJson<SharePayload>(record.sealed, `item:${id}`);
  const blobs = new Map<string, Blob>();
  for (const file of payload.files) {
    const blob = await readFile(file.id, file.type);
    if (blob) blobs.set(file.id, blob);
  }
  return { ...payload, id, blobs };
}

/** Once the report holding it is sent or queued (its files were moved to the report). */
export async function discardShare(id: string): Promise<void> {
  await deleteItem(id);
  announce('changed');
}

/** Shares nobody turned into a report: gone after a few days (they were never sent anywhere). */
export const SHARE_KEPT_MS = 3 * 24 * 3600_000;

export async function pruneShares(now = Date.now()): Promise<void> {
  for (const item of await allItems()) if (item.kind === 'share' && now - item.createdAt > SHARE_KEPT_MS) await deleteItem(item.id);
}
