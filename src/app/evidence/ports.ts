// Ports of the evidence feature, implemented in src/adapters/blobs and src/adapters/capture.
import type { Readable } from 'node:stream';

export interface StoredBlob {
  sha256: string;
  size: number;
}

/**
 * Content-addressed blob store (key = SHA-256). A blob is written atomically (temp file or
 * multipart upload, then published under its hash) and never overwritten.
 */
export interface BlobStore {
  readonly kind: 'file' | 's3';
  /**
   * A local directory for staging files before `putFile(path, { move: true })` (same file
   * system as the file store, so the move is a rename). Its stale files go with cleanupTemp().
   */
  readonly tempDir: string;
  /**
   * Streams `source` into the store while hashing it; `maxBytes` aborts oversized input
   * (DomainError payload_too_large, nothing published); `expectedSha256` refuses other bytes
   * (DomainError hash_mismatch, nothing published).
   */
  put(source: Readable, options?: { maxBytes?: number; expectedSha256?: string }): Promise<StoredBlob>;
  /**
   * Stores a local file, hashing it on the way. `move: true` hands the file over (the file
   * store renames it into place instead of copying; the S3 store deletes it after the upload).
   */
  putFile(path: string, options?: { move?: boolean }): Promise<StoredBlob>;
  /**
   * The bytes — or only those from `range.start` to `range.end` (inclusive, within the blob);
   * rejects with a BlobNotFoundError when missing.
   */
  get(sha256: string, range?: { start: number; end: number }): Promise<Readable>;
  /** Size, or undefined when missing. */
  stat(sha256: string): Promise<{ size: number } | undefined>;
  /** Health check: the store answers. */
  check(): Promise<void>;
  /**
   * Removes temp files left by a crashed process (kill -9 during a write): files of a process
   * of this host that no longer runs, and any older than a day. Returns how many went.
   */
  cleanupTemp(): Promise<number>;
}

export class BlobNotFoundError extends Error {
  constructor(readonly sha256: string) {
    super(`blob ${sha256} not found`);
    this.name = 'BlobNotFoundError';
  }
}
