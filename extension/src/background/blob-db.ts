// The bytes of captures waiting to be sent, in the extension's IndexedDB (chrome.storage is meant
// for small values; a full-page screenshot and an MHTML archive can weigh tens of megabytes). A
// capture's files are written once, after hashing, and deleted only when the server sealed them
// or the user discarded the capture.

const DB_NAME = 'rempart';
const STORE = 'captureFiles';

export interface StoredFile {
  name: string;
  type: string;
  blob: Blob;
}

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('indexedDB.open failed'));
  });
}

async function run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const request = work(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(request.result);
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    });
  } finally {
    db.close();
  }
}

export async function putFiles(captureId: string, files: StoredFile[]): Promise<void> {
  await run('readwrite', (store) => store.put(files, captureId));
}

export async function getFiles(captureId: string): Promise<StoredFile[] | undefined> {
  return (await run<StoredFile[] | undefined>('readonly', (store) => store.get(captureId))) ?? undefined;
}

export async function deleteFiles(captureId: string): Promise<void> {
  await run('readwrite', (store) => store.delete(captureId));
}
