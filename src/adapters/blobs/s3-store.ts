// S3-compatible blob store (BLOB_STORE=s3): object key = SHA-256 hex. The bytes are first
// received into a local temp file (hashed on the way, since the key is the hash), then uploaded
// with their SHA-256 checksum (the server verifies it), then confirmed with HeadObject. An
// existing key is kept, never overwritten (its size is checked). Large files (from 64 MiB) go
// up in parts, each with its own SHA-256 checksum (one PUT stops at 5 GB on S3); a failed
// multipart upload is aborted, so no half object is left behind.
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { type BlobStore, BlobNotFoundError, type StoredBlob } from '../../app/evidence/ports.js';
import type { S3Config } from '../../config.js';
import { DomainError } from '../../domain/errors.js';
import { assertSha256, cleanupTempDir, hashFile, receiveToTempFile } from './temp-files.js';

export interface S3BlobStore extends BlobStore {
  readonly kind: 's3';
  readonly client: S3Client;
  readonly bucket: string;
}

function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NotFound' || e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404;
}

export function createS3Client(config: S3Config): S3Client {
  return new S3Client({
    region: config.region,
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    forcePathStyle: config.forcePathStyle,
    ...(config.accessKeyId && config.secretAccessKey
      ? { credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey } }
      : {}),
    // We send our own SHA-256 checksum; the SDK's default CRC trailers (aws-chunked bodies)
    // are not understood by every S3-compatible server.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

export interface S3StoreOptions {
  /** Files from this size go up in parts (default 64 MiB). */
  multipartThreshold?: number;
  /** The size of each part but the last (default 16 MiB; S3's minimum is 5 MiB). */
  partSize?: number;
}

/** S3 allows at most 10 000 parts: larger files get larger parts. */
export function partSizeFor(size: number, wanted: number): number {
  return Math.max(wanted, Math.ceil(size / 10_000));
}

export function createS3BlobStore(
  config: S3Config,
  tempDir: string,
  client: S3Client = createS3Client(config),
  options: S3StoreOptions = {},
): S3BlobStore {
  const Bucket = config.bucket;
  const multipartThreshold = options.multipartThreshold ?? 64 * 1024 * 1024;
  const wantedPartSize = options.partSize ?? 16 * 1024 * 1024;

  /** One part at a time, read into memory (at most a part size), hashed, then sent. */
  async function uploadInParts(path: string, blob: StoredBlob): Promise<void> {
    const created = await client.send(
      new CreateMultipartUploadCommand({ Bucket, Key: blob.sha256, ContentType: 'application/octet-stream', ChecksumAlgorithm: 'SHA256' }),
    );
    const UploadId = created.UploadId;
    if (!UploadId) throw new Error('object store gave no multipart upload id');
    const partSize = partSizeFor(blob.size, wantedPartSize);
    const handle = await open(path, 'r');
    try {
      const parts: Array<{ ETag: string | undefined; PartNumber: number; ChecksumSHA256: string }> = [];
      for (let offset = 0, PartNumber = 1; offset < blob.size; offset += partSize, PartNumber += 1) {
        const length = Math.min(partSize, blob.size - offset);
        const body = Buffer.alloc(length);
        const { bytesRead } = await handle.read(body, 0, length, offset);
        if (bytesRead !== length) throw new Error(`short read of ${path} at ${offset}`);
        const ChecksumSHA256 = createHash('sha256').update(body).digest('base64');
        const sent = await client.send(
          new UploadPartCommand({ Bucket, Key: blob.sha256, UploadId, PartNumber, Body: body, ContentLength: length, ChecksumSHA256 }),
        );
        parts.push({ ETag: sent.ETag, PartNumber, ChecksumSHA256 });
      }
      await client.send(new CompleteMultipartUploadCommand({ Bucket, Key: blob.sha256, UploadId, MultipartUpload: { Parts: parts } }));
    } catch (error) {
      await client.send(new AbortMultipartUploadCommand({ Bucket, Key: blob.sha256, UploadId })).catch(() => undefined);
      throw error;
    } finally {
      await handle.close();
    }
  }

  async function stat(sha256: string): Promise<{ size: number } | undefined> {
    assertSha256(sha256);
    try {
      const head = await client.send(new HeadObjectCommand({ Bucket, Key: sha256 }));
      return { size: Number(head.ContentLength ?? 0) };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async function upload(path: string, blob: StoredBlob): Promise<StoredBlob> {
    const existing = await stat(blob.sha256);
    if (existing) {
      if (existing.size !== blob.size) throw new Error(`blob ${blob.sha256} is stored with ${existing.size} bytes, expected ${blob.size}`);
      return blob;
    }
    if (blob.size >= multipartThreshold) await uploadInParts(path, blob);
    else
      await client.send(
        new PutObjectCommand({
          Bucket,
          Key: blob.sha256,
          Body: createReadStream(path),
          ContentLength: blob.size,
          ContentType: 'application/octet-stream',
          ChecksumSHA256: Buffer.from(blob.sha256, 'hex').toString('base64'),
        }),
      );
    const stored = await stat(blob.sha256);
    if (!stored || stored.size !== blob.size) throw new Error(`blob ${blob.sha256} not confirmed by the object store after upload`);
    return blob;
  }

  return {
    kind: 's3',
    client,
    bucket: Bucket,
    tempDir,

    async put(source, options = {}) {
      const received = await receiveToTempFile(source, { dir: tempDir, maxBytes: options.maxBytes });
      try {
        if (options.expectedSha256 !== undefined && options.expectedSha256 !== received.sha256) throw new DomainError('hash_mismatch');
        return await upload(received.path, { sha256: received.sha256, size: received.size });
      } finally {
        await rm(received.path, { force: true });
      }
    },

    async putFile(path, options = {}) {
      try {
        return await upload(path, await hashFile(path));
      } finally {
        if (options.move) await rm(path, { force: true });
      }
    },

    async get(sha256, range) {
      assertSha256(sha256);
      try {
        const object = await client.send(
          new GetObjectCommand({ Bucket, Key: sha256, ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}) }),
        );
        if (!(object.Body instanceof Readable)) throw new Error('object store answered without a body stream');
        return object.Body;
      } catch (error) {
        if (isNotFound(error)) throw new BlobNotFoundError(sha256);
        throw error;
      }
    },

    stat,

    async check() {
      await client.send(new HeadBucketCommand({ Bucket }));
    },

    cleanupTemp: () => cleanupTempDir(tempDir),
  };
}
