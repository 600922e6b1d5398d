// Temp files of the blob stores and of uploads: received while hashed and counted, fsynced, then
// published (or removed). A temp file's name carries its host and process id, so a cleanup run
// by any process (server start, `rempart verify`) removes only what a dead process left behind.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rm, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DomainError } from '../../domain/errors.js';

const SUFFIX = '.tmp';
/** A temp file this old is stale whoever wrote it (a writer on another host, a reused pid). */
export const STALE_TEMP_MS = 24 * 60 * 60 * 1000;

// Host names may hold dots; the name is <host>~<pid>~<random>.tmp.
const host = hostname().replace(/[^A-Za-z0-9-]/g, '_') || 'host';

/** A fresh temp name; `suffix` replaces `.tmp` for tools that need an extension. */
export function tempFileName(suffix = SUFFIX): string {
  return `${host}~${process.pid}~${randomBytes(8).toString('hex')}${suffix}`;
}

export function tempPath(dir: string, suffix = SUFFIX): string {
  return join(dir, tempFileName(suffix));
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// <host>~<pid>~<random>[.ext…]: tools that append their own extension (pdftoppm, ffmpeg
// outputs) keep the prefix, so their leftovers are found too.
const TEMP_NAME = /^([A-Za-z0-9_-]+)~(\d+)~[0-9a-f]{16}(\.[A-Za-z0-9]+)*$/;

/** Whether a temp file may go: its writer on this host is dead, or it is older than a day. */
export function isStaleTemp(name: string, mtimeMs: number, nowMs: number, alive: (pid: number) => boolean = processAlive): boolean {
  const match = TEMP_NAME.exec(name);
  if (!match) return false;
  if (nowMs - mtimeMs > STALE_TEMP_MS) return true;
  const pid = Number(match[2]);
  if (match[1] !== host || !Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return false;
  return !alive(pid);
}

export async function cleanupTempDir(dir: string, now: Date = new Date()): Promise<number> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
  let removed = 0;
  for (const name of names) {
    const path = join(dir, name);
    try {
      const info = await stat(path);
      if (!info.isFile() || !isStaleTemp(name, info.mtimeMs, now.getTime())) continue;
      await rm(path, { force: true });
      removed += 1;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return removed;
}

export interface ReceivedFile {
  path: string;
  sha256: string;
  size: number;
}

/**
 * Streams `source` into a new temp file in `dir`, hashing and counting on the way; fsyncs it.
 * Beyond `maxBytes` the stream is abandoned, the temp file removed and payload_too_large thrown.
 */
export async function receiveToTempFile(source: Readable, options: { dir: string; maxBytes?: number | undefined }): Promise<ReceivedFile> {
  await mkdir(options.dir, { recursive: true });
  const path = tempPath(options.dir);
  const hash = createHash('sha256');
  const max = options.maxBytes;
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      if (max !== undefined && size > max) {
        callback(new DomainError('payload_too_large'));
        return;
      }
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  // flush: fsync before close; pipeline resolves once the file is closed.
  const out = createWriteStream(path, { flags: 'wx', mode: 0o600, flush: true });
  try {
    await pipeline(source, meter, out);
  } catch (error) {
    // The file may still be opening when the pipeline fails (an early limit): wait until the
    // stream is closed, or the file would appear after it was "removed".
    if (!out.closed) await once(out, 'close').catch(() => undefined);
    await rm(path, { force: true });
    throw error;
  }
  return { path, sha256: hash.digest('hex'), size };
}

/** SHA-256 and size of a file, read as a stream (bounded memory). */
export async function hashFile(path: string): Promise<{ sha256: string; size: number }> {
  return hashStream(createReadStream(path));
}

export async function hashStream(source: Readable): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of source) {
    const buf = chunk as Buffer;
    size += buf.length;
    hash.update(buf);
  }
  return { sha256: hash.digest('hex'), size };
}

/** Makes a rename or a link in `dir` durable. */
export async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export const SHA256_HEX = /^[0-9a-f]{64}$/;

export function assertSha256(sha256: string): void {
  // The key becomes a path or an object key: nothing but 64 lowercase hex digits.
  if (!SHA256_HEX.test(sha256)) throw new TypeError(`not a SHA-256 key: ${JSON.stringify(sha256).slice(0, 80)}`);
}
