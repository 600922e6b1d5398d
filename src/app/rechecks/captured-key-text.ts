// The key text a re-check looks for: taken from the HTML artefact of the location's latest
// sealed capture (the page as Rempart saw it), read from the blob store.
import type { Readable } from 'node:stream';
import type { Queryable } from '../../adapters/db/database.js';
import { latestCapturedHtml } from '../../adapters/db/location-checks.js';
import { keyTexts } from '../../domain/rechecks/page-text.js';
import type { BlobStore } from '../evidence/ports.js';

const MAX_HTML_BYTES = 20 * 1024 * 1024;

async function readText(stream: Readable, max: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += buf.length;
    if (size > max) {
      stream.destroy();
      break;
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Key texts of the latest capture, or null when there is no sealed HTML capture to compare with. */
export async function capturedKeyTexts(
  db: Queryable,
  blobs: BlobStore,
  location: { id: string; case_id: string; url: string },
): Promise<{ keys: string[]; evidenceId: string } | null> {
  const artefact = await latestCapturedHtml(db, location);
  if (!artefact) return null;
  if (!(await blobs.stat(artefact.sha256))) return null;
  const html = await readText(await blobs.get(artefact.sha256), MAX_HTML_BYTES);
  const keys = keyTexts(html);
  return keys.length > 0 ? { keys, evidenceId: artefact.evidenceId } : null;
}
