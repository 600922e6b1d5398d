// The device's encrypted store (docs/phone-app.md): reports and photos written without network,
// files shared into the app, and a copy of "who is signed in" so the installed app opens offline.
// IndexedDB database `rempart-hors-ligne`:
//   keys     one AES-GCM 256 key, generated NON-EXTRACTABLE (extractable: false): the CryptoKey
//            object itself is stored (structured clone); its bytes can never be read by script
//   items    queued reports and received shares: a few plain fields the queue needs (id, kind,
//            owner, times, case id once created, progress) + `sealed`, the content, encrypted
//   files    the bytes of each photo/file, encrypted, one record per file
//   session  the encrypted copy of GET /api/v1/me
// Everything goes at sign-out (eraseVault). This module runs in the page AND in the service worker
// (web/src/sw/sw.ts): DOM-free, only IndexedDB, WebCrypto and BroadcastChannel.

export const VAULT_DB = 'rempart-hors-ligne';
const VERSION = 1;
const KEY_ID = 'aes-gcm-256';
const CHANNEL = 'rempart-hors-ligne';

export type StoreName = 'keys' | 'items' | 'files' | 'session';
const STORES: StoreName[] = ['keys', 'items', 'files', 'session'];

/** Ciphertext and its 96-bit IV; `aad` (the record's id) is bound in but not stored. */
export interface Sealed {
  iv: Uint8Array<ArrayBuffer>;
  data: ArrayBuffer;
}

export interface ItemProblem {
  code: string;
  message: string;
}

/** A queued report or a received share. Only `sealed` holds what the person wrote or shared. */
export interface ItemRecord {
  id: string;
  kind: 'report' | 'share';
  /** The user who wrote it (`me.id`); null for a share received before anyone was known. */
  owner: string | null;
  createdAt: number;
  sealed: Sealed;
  /** The case, once created (or the chosen existing case). */
  caseId?: string;
  reference?: string;
  /** Links already added to an existing case, files already uploaded (their ids). */
  linksDone?: number;
  filesDone?: string[];
  /** Files the server refused (too large, wrong type…): kept out of the retries. */
  fileProblems?: Record<string, ItemProblem>;
  /** The report itself was refused (400…): kept for the person to read and remove. */
  problem?: ItemProblem;
  /** Sent, except files the server refused: kept so the person sees which, until removed. */
  complete?: boolean;
  attempts?: number;
  lastTriedAt?: number;
}

export interface FileRecord {
  id: string;
  itemId: string;
  sealed: Sealed;
}

/** WebCrypto and IndexedDB are there (a secure context: HTTPS or localhost). */
export function vaultAvailable(): boolean {
  return typeof indexedDB !== 'undefined' && typeof crypto !== 'undefined' && Boolean(crypto.subtle);
}

// --- IndexedDB plumbing -------------------------------------------------------------------------

export function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

function finished(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new DOMException('aborted', 'AbortError'));
  });
}

let opening: Promise<IDBDatabase> | undefined;
let cachedKey: { db: IDBDatabase; key: CryptoKey } | undefined;

function forget(db: IDBDatabase) {
  if (cachedKey?.db === db) cachedKey = undefined;
  opening = undefined;
}

export function openVault(): Promise<IDBDatabase> {
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    const r = indexedDB.open(VAULT_DB, VERSION);
    r.onupgradeneeded = () => {
      const db = r.result;
      for (const name of STORES) {
        if (db.objectStoreNames.contains(name)) continue;
        const store = db.createObjectStore(name, { keyPath: 'id' });
        if (name === 'files') store.createIndex('itemId', 'itemId');
      }
    };
    r.onsuccess = () => {
      const db = r.result;
      // Sign-out deletes the database: let it, from any tab or the service worker.
      db.onversionchange = () => {
        db.close();
        forget(db);
      };
      db.onclose = () => forget(db);
      resolve(db);
    };
    r.onerror = () => {
      opening = undefined;
      reject(r.error);
    };
  });
  return opening;
}

async function vaultKey(db: IDBDatabase): Promise<CryptoKey> {
  if (cachedKey?.db === db) return cachedKey.key;
  const read = async () => (await request(db.transaction('keys').objectStore('keys').get(KEY_ID))) as { key: CryptoKey } | undefined;
  let found = await read();
  if (!found) {
    const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    try {
      const tx = db.transaction('keys', 'readwrite');
      tx.objectStore('keys').add({ id: KEY_ID, key, createdAt: Date.now() });
      await finished(tx);
      found = { key };
    } catch {
      // Another tab or the service worker made it first: use theirs.
      found = await read();
      if (!found) throw new Error('vault key missing');
    }
  }
  cachedKey = { db, key: found.key };
  return found.key;
}

// --- encryption ---------------------------------------------------------------------------------

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export async function sealBytes(bytes: ArrayBuffer | Uint8Array<ArrayBuffer>, aad: string): Promise<Sealed> {
  const key = await vaultKey(await openVault());
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: encoder.encode(aad) }, key, bytes);
  return { iv, data };
}

export async function openBytes(sealed: Sealed, aad: string): Promise<ArrayBuffer> {
  const key = await vaultKey(await openVault());
  return crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.iv, additionalData: encoder.encode(aad) }, key, sealed.data);
}

export const sealJson = (value: unknown, aad: string) => sealBytes(encoder.encode(JSON.stringify(value)), aad);
export const openJson = async <T>(sealed: Sealed, aad: string): Promise<T> => JSON.parse(decoder.decode(await openBytes(sealed, aad))) as T;

// --- records ------------------------------------------------------------------------------------

export async function putRecord<T extends { id: string }>(store: StoreName, value: T): Promise<void> {
  const tx = (await openVault()).transaction(store, 'readwrite');
  tx.objectStore(store).put(value);
  await finished(tx);
}

export async function getRecord<T>(store: StoreName, id: string): Promise<T | undefined> {
  return (await request((await openVault()).transaction(store).objectStore(store).get(id))) as T | undefined;
}

export async function allItems(): Promise<ItemRecord[]> {
  const items = (await request((await openVault()).transaction('items').objectStore('items').getAll())) as ItemRecord[];
  return items.sort((a, b) => a.createdAt - b.createdAt);
}

/** Reads, changes and writes one item in a single transaction; undefined if it is gone. */
export async function updateItem(id: string, change: (item: ItemRecord) => void): Promise<ItemRecord | undefined> {
  const tx = (await openVault()).transaction('items', 'readwrite');
  const store = tx.objectStore('items');
  const item = (await request(store.get(id))) as ItemRecord | undefined;
  if (item) {
    change(item);
    store.put(item);
  }
  await finished(tx);
  return item;
}

/** An item and all its files. */
export async function deleteItem(id: string): Promise<void> {
  const tx = (await openVault()).transaction(['items', 'files'], 'readwrite');
  tx.objectStore('items').delete(id);
  const files = tx.objectStore('files');
  const keys = await request(files.index('itemId').getAllKeys(id));
  for (const key of keys) files.delete(key);
  await finished(tx);
}

export async function deleteFile(id: string): Promise<void> {
  const tx = (await openVault()).transaction('files', 'readwrite');
  tx.objectStore('files').delete(id);
  await finished(tx);
}

/** Stores a file's bytes, encrypted; the file id doubles as the associated data. */
export async function putFile(itemId: string, fileId: string, bytes: ArrayBuffer): Promise<void> {
  await putRecord('files', { id: fileId, itemId, sealed: await sealBytes(bytes, `file:${fileId}`) } satisfies FileRecord);
}

export async function readFile(fileId: string, type: string): Promise<Blob | undefined> {
  const record = await getRecord<FileRecord>('files', fileId);
  if (!record) return undefined;
  return new Blob([await openBytes(record.sealed, `file:${fileId}`)], { type });
}

/** Everything, at sign-out: the stores are emptied first, then the database (key included) is deleted. */
export async function eraseVault(): Promise<void> {
  if (typeof indexedDB === 'undefined') return;
  try {
    const db = await openVault();
    const tx = db.transaction(STORES, 'readwrite');
    for (const name of STORES) tx.objectStore(name).clear();
    await finished(tx);
    db.close();
    forget(db);
  } catch {
    // Deleting the database below is what matters.
  }
  await new Promise<void>((resolve) => {
    const r = indexedDB.deleteDatabase(VAULT_DB);
    // Blocked: another connection closes on `versionchange`, then the deletion completes.
    r.onsuccess = r.onerror = r.onblocked = () => resolve();
  });
  announce('erased');
}

// --- change notices -----------------------------------------------------------------------------

export type VaultNotice = 'changed' | 'erased' | 'sent';
const channel = typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel(CHANNEL);
const listeners = new Set<(notice: VaultNotice, detail?: unknown) => void>();
channel?.addEventListener('message', (event: MessageEvent<{ notice: VaultNotice; detail?: unknown }>) => {
  for (const listener of listeners) listener(event.data.notice, event.data.detail);
});

/** Tells this context and the others (tabs, service worker) that the store changed. */
export function announce(notice: VaultNotice, detail?: unknown): void {
  channel?.postMessage({ notice, detail });
  for (const listener of listeners) listener(notice, detail);
}

export function onVaultNotice(listener: (notice: VaultNotice, detail?: unknown) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function newId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const hex = [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}
