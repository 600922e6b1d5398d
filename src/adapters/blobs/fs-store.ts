// File blob store (BLOB_STORE=file): <root>/ab/cd/<sha256>. A blob is received into a temp file
// under <root>/.tmp (same file system), fsynced, then published with link(2), which refuses to
// replace an existing name — so a blob is never overwritten, even by two writers at once — and
// the directory is fsynced. A crash before the link leaves only a temp file (cleanupTemp).
import { chmod, link, mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { type BlobStore, BlobNotFoundError, type StoredBlob } from '../../app/evidence/ports.js';
import { DomainError } from '../../domain/errors.js';
import { assertSha256, cleanupTempDir, fsyncDir, hashFile, receiveToTempFile, tempPath } from './temp-files.js';

export interface FileBlobStore extends BlobStore {
  readonly kind: 'file';
  readonly root: string;
  /** Where a blob lives (tests and the verifier's messages). */
  pathOf(sha256: string): string;
}

function errno(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException).code;
}

export function createFileBlobStore(root: string): FileBlobStore {
  const tempDir = join(root, '.tmp');
  const pathOf = (sha256: string) => {
    assertSha256(sha256);
    return join(root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  };

  async function ensureDir(dir: string): Promise<void> {
    try {
      await stat(dir);
      return;
    } catch (error) {
      if (errno(error) !== 'ENOENT') throw error;
    }
    await ensureDir(dirname(dir));
    await mkdir(dir).catch((error: unknown) => {
      if (errno(error) !== 'EEXIST') throw error;
    });
    // The new directory entry itself must survive a crash.
    await fsyncDir(dirname(dir));
  }

  /** Publishes an fsynced temp file under its hash; the temp file is gone afterwards. */
  async function publish(temp: string, blob: StoredBlob): Promise<StoredBlob> {
    const dest = pathOf(blob.sha256);
    try {
      await ensureDir(dirname(dest));
      await chmod(temp, 0o444);
      try {
        await link(temp, dest);
      } catch (error) {
        const code = errno(error);
        if (code === 'EEXIST') {
          const existing = await stat(dest);
          // Same hash, different size: the stored blob was damaged. Never overwrite it; say so.
          if (existing.size !== blob.size)
            throw new Error(`blob ${blob.sha256} is stored with ${existing.size} bytes, expected ${blob.size}`);
          return blob;
        }
        // File systems without hard links: rename (content-addressed, so a race writes equal bytes).
        if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw error;
        await rename(temp, dest);
      }
      await fsyncDir(dirname(dest));
      return blob;
    } finally {
      await rm(temp, { force: true });
    }
  }

  async function put(source: Readable, options: { maxBytes?: number; expectedSha256?: string } = {}): Promise<StoredBlob> {
    const received = await receiveToTempFile(source, { dir: tempDir, maxBytes: options.maxBytes });
    if (options.expectedSha256 !== undefined && options.expectedSha256 !== received.sha256) {
      await rm(received.path, { force: true });
      throw new DomainError('hash_mismatch');
    }
    return publish(received.path, { sha256: received.sha256, size: received.size });
  }

  return {
    kind: 'file',
    root,
    tempDir,
    pathOf,
    put,

    async putFile(path, options = {}) {
      if (options.move) {
        await mkdir(tempDir, { recursive: true });
        const temp = tempPath(tempDir);
        try {
          await rename(path, temp);
        } catch (error) {
          if (errno(error) !== 'EXDEV') throw error;
          const blob = await put(createReadStream(path));
          await rm(path, { force: true });
          return blob;
        }
        try {
          // Hashed again as it is stored: what is published is exactly what is named.
          const blob = await hashFile(temp);
          const handle = await open(temp, 'r');
          await handle.sync().finally(() => handle.close());
          return await publish(temp, blob);
        } finally {
          await rm(temp, { force: true });
        }
      }
      return put(createReadStream(path));
    },

    async get(sha256, range) {
      try {
        const handle = await open(pathOf(sha256), 'r');
        return handle.createReadStream(range ? { start: range.start, end: range.end } : {});
      } catch (error) {
        if (errno(error) === 'ENOENT') throw new BlobNotFoundError(sha256);
        throw error;
      }
    },

    async stat(sha256) {
      try {
        const info = await stat(pathOf(sha256));
        return { size: info.size };
      } catch (error) {
        if (errno(error) === 'ENOENT') return undefined;
        throw error;
      }
    },

    async check() {
      await mkdir(tempDir, { recursive: true });
      const probe = tempPath(tempDir);
      await (await open(probe, 'wx', 0o600)).close();
      await rm(probe, { force: true });
    },

    cleanupTemp: () => cleanupTempDir(tempDir),
  };
}
