// Picks the blob store of the configuration (BLOB_STORE, DESIGN.md §6).
import { join } from 'node:path';
import type { BlobStore } from '../../app/evidence/ports.js';
import type { Config } from '../../config.js';
import { createFileBlobStore } from './fs-store.js';
import { createS3BlobStore } from './s3-store.js';

export function createBlobStore(config: Pick<Config, 'blobStore' | 's3' | 'dataDir'>): BlobStore {
  if (config.blobStore === 's3') {
    if (!config.s3) throw new Error('BLOB_STORE=s3 needs S3_BUCKET');
    return createS3BlobStore(config.s3, join(config.dataDir, 'tmp', 'blobs'));
  }
  return createFileBlobStore(join(config.dataDir, 'blobs'));
}
