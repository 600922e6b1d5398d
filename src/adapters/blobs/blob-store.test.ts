// One blob-store suite, run against the file store and the S3 store (a real S3-compatible
// server, s3rver, on loopback): content addressing, streaming, limits, no overwrite, temp
// files. Then what only the file store has: its layout, and a kill -9 in the middle of a write.
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestS3, type TestS3 } from '../../../tests/support/s3.js';
import { type BlobStore, BlobNotFoundError } from '../../app/evidence/ports.js';
import { DomainError } from '../../domain/errors.js';
import { createFileBlobStore } from './fs-store.js';
import { createS3BlobStore, partSizeFor, type S3BlobStore } from './s3-store.js';
import { cleanupTempDir, isStaleTemp, tempFileName } from './temp-files.js';

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** A stream of `total` pseudo-random bytes in 64 KiB chunks, never held whole in memory. */
function generated(total: number, seed: number): { stream: Readable; sha256: string } {
  const hash = createHash('sha256');
  const chunks: Buffer[] = [];
  let left = total;
  let n = seed;
  while (left > 0) {
    const size = Math.min(65_536, left);
    const chunk = Buffer.alloc(size, n % 256);
    chunk.writeUInt32LE(n, 0);
    n += 1;
    hash.update(chunk);
    chunks.push(chunk);
    left -= size;
  }
  return { stream: Readable.from(chunks), sha256: hash.digest('hex') };
}

interface Harness {
  store: BlobStore;
  /** Number of published blobs. */
  count(): Promise<number>;
  close(): Promise<void>;
}

async function fileHarness(): Promise<Harness> {
  const root = await mkdtemp(join(tmpdir(), 'rempart-blobs-'));
  const store = createFileBlobStore(root);
  const count = async (): Promise<number> => {
    let n = 0;
    for (const a of await readdir(root)) {
      if (a === '.tmp') continue;
      for (const b of await readdir(join(root, a))) n += (await readdir(join(root, a, b))).length;
    }
    return n;
  };
  return { store, count, close: () => rm(root, { recursive: true, force: true }) };
}

let s3: TestS3 | undefined;
async function s3Harness(): Promise<Harness> {
  s3 ??= await startTestS3();
  const temp = await mkdtemp(join(tmpdir(), 'rempart-s3tmp-'));
  const store = createS3BlobStore(s3.config, temp) as S3BlobStore;
  const count = async () => (await store.client.send(new ListObjectsV2Command({ Bucket: store.bucket }))).KeyCount ?? 0;
  return {
    store,
    count,
    async close() {
      store.client.destroy();
      await rm(temp, { recursive: true, force: true });
    },
  };
}

afterAll(async () => {
  await s3?.close();
});

for (const [name, make] of [
  ['file', fileHarness],
  ['s3', s3Harness],
] as const) {
  describe(`blob store (${name})`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await make();
    });
    afterAll(async () => {
      await h.close();
    });

    it('stores a stream under its SHA-256 and gives the same bytes back', async () => {
      const bytes = randomBytes(300_000);
      const stored = await h.store.put(Readable.from([bytes.subarray(0, 1000), bytes.subarray(1000)]));
      expect(stored).toEqual({ sha256: sha(bytes), size: bytes.length });
      expect(await h.store.stat(stored.sha256)).toEqual({ size: bytes.length });
      expect((await readAll(await h.store.get(stored.sha256))).equals(bytes)).toBe(true);
    });

    it('gives back a byte range (first and last byte included)', async () => {
      const bytes = randomBytes(50_000);
      const stored = await h.store.put(Readable.from([bytes]));
      expect((await readAll(await h.store.get(stored.sha256, { start: 1000, end: 1999 }))).equals(bytes.subarray(1000, 2000))).toBe(true);
      expect((await readAll(await h.store.get(stored.sha256, { start: 49_990, end: 49_999 }))).equals(bytes.subarray(49_990))).toBe(true);
    });

    it('streams a large input (8 MiB) and hashes it on the way', async () => {
      const g = generated(8 * 1024 * 1024 + 17, 7);
      const stored = await h.store.put(g.stream);
      expect(stored).toEqual({ sha256: g.sha256, size: 8 * 1024 * 1024 + 17 });
      const back = createHash('sha256');
      for await (const c of await h.store.get(g.sha256)) back.update(c as Buffer);
      expect(back.digest('hex')).toBe(g.sha256);
    });

    it('keeps an existing blob when the same bytes come again', async () => {
      const before = await h.count();
      const a = await h.store.put(Readable.from([Buffer.from('same bytes, twice')]));
      const b = await h.store.put(Readable.from([Buffer.from('same bytes, twice')]));
      expect(b).toEqual(a);
      expect(await h.count()).toBe(before + 1);
    });

    it('refuses input beyond maxBytes while streaming, publishing nothing and leaving no temp file', async () => {
      const before = await h.count();
      const g = generated(2_000_000, 3);
      await expect(h.store.put(g.stream, { maxBytes: 1_000_000 })).rejects.toMatchObject({ code: 'payload_too_large' });
      expect(await h.count()).toBe(before);
      expect(await h.store.stat(g.sha256)).toBeUndefined();
      expect((await readdir(h.store.tempDir).catch(() => [])).length).toBe(0);
      // Exactly at the limit is fine.
      const ok = await h.store.put(Readable.from([Buffer.alloc(1000, 1)]), { maxBytes: 1000 });
      expect(ok.size).toBe(1000);
    });

    it('refuses bytes that do not match the expected hash', async () => {
      const before = await h.count();
      const error = await h.store
        .put(Readable.from([Buffer.from('tampered')]), { expectedSha256: sha('original') })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('hash_mismatch');
      expect(await h.count()).toBe(before);
    });

    it('stores a local file, by copy or by hand-over', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'rempart-putfile-'));
      try {
        const path = join(dir, 'a.bin');
        const bytes = randomBytes(50_000);
        await writeFile(path, bytes);
        expect(await h.store.putFile(path)).toEqual({ sha256: sha(bytes), size: bytes.length });
        expect(existsSync(path)).toBe(true);
        await mkdir(h.store.tempDir, { recursive: true });
        const staged = join(h.store.tempDir, tempFileName());
        const other = randomBytes(40_000);
        await writeFile(staged, other);
        expect(await h.store.putFile(staged, { move: true })).toEqual({ sha256: sha(other), size: other.length });
        expect(existsSync(staged)).toBe(false);
        expect((await readAll(await h.store.get(sha(other)))).equals(other)).toBe(true);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });

    it('answers a missing blob as missing, and refuses keys that are not SHA-256', async () => {
      const missing = sha('never stored');
      expect(await h.store.stat(missing)).toBeUndefined();
      await expect(h.store.get(missing)).rejects.toBeInstanceOf(BlobNotFoundError);
      for (const bad of ['../../etc/passwd', 'ABC', `${missing}/x`, missing.toUpperCase()]) {
        await expect(h.store.get(bad)).rejects.toThrow(/SHA-256/);
        await expect(h.store.stat(bad)).rejects.toThrow(/SHA-256/);
      }
    });

    it('answers its health check', async () => {
      await expect(h.store.check()).resolves.toBeUndefined();
    });

    it('removes temp files of dead processes at cleanup, and keeps its own', async () => {
      await mkdir(h.store.tempDir, { recursive: true });
      const dead = await deadPid();
      const host = tempFileName().split('~')[0];
      const orphan = join(h.store.tempDir, `${host}~${dead}~0123456789abcdef.tmp`);
      const orphanTool = join(h.store.tempDir, `${host}~${dead}~0123456789abcdee.jpg`);
      const mine = join(h.store.tempDir, tempFileName());
      const otherHostRecent = join(h.store.tempDir, `otherhost~${dead}~0123456789abcded.tmp`);
      const otherHostOld = join(h.store.tempDir, `otherhost~${dead}~0123456789abcdec.tmp`);
      const unrelated = join(h.store.tempDir, 'README');
      for (const p of [orphan, orphanTool, mine, otherHostRecent, otherHostOld, unrelated]) await writeFile(p, 'x');
      const old = new Date(Date.now() - 2 * 24 * 3600 * 1000);
      await utimes(otherHostOld, old, old);
      expect(await h.store.cleanupTemp()).toBe(3);
      expect((await readdir(h.store.tempDir)).sort()).toEqual([mine, otherHostRecent, unrelated].map((p) => p.split('/').pop()).sort());
      for (const p of [mine, otherHostRecent, unrelated]) await rm(p);
    });
  });
}

/** The pid of a process that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  const pid = child.pid ?? 0;
  await new Promise((r) => child.on('exit', r));
  return pid;
}

describe('S3 blob store: large files in parts', () => {
  it('uploads a file over the threshold in parts and gives the same bytes back, whole and by range', async () => {
    s3 ??= await startTestS3();
    const temp = await mkdtemp(join(tmpdir(), 'rempart-s3parts-'));
    // Small parts so that the test stays small: 12 MiB + 17 bytes in three parts.
    const store = createS3BlobStore(s3.config, temp, undefined, { multipartThreshold: 6 * 1024 * 1024, partSize: 5 * 1024 * 1024 });
    try {
      const bytes = randomBytes(12 * 1024 * 1024 + 17);
      const file = join(temp, 'grand.bin');
      await writeFile(file, bytes);
      const stored = await store.putFile(file, { move: true });
      expect(stored).toEqual({ sha256: sha(bytes), size: bytes.length });
      expect(existsSync(file)).toBe(false);
      expect(await store.stat(stored.sha256)).toEqual({ size: bytes.length });
      expect(sha(await readAll(await store.get(stored.sha256)))).toBe(stored.sha256);
      // Across the boundary of the first two parts.
      const at = 5 * 1024 * 1024 - 10;
      expect((await readAll(await store.get(stored.sha256, { start: at, end: at + 19 }))).equals(bytes.subarray(at, at + 20))).toBe(true);
    } finally {
      store.client.destroy();
      await rm(temp, { recursive: true, force: true });
    }
  });

  it('aborts the multipart upload when a part fails, leaving no object', async () => {
    s3 ??= await startTestS3();
    const temp = await mkdtemp(join(tmpdir(), 'rempart-s3parts-'));
    const store = createS3BlobStore(s3.config, temp, undefined, { multipartThreshold: 6 * 1024 * 1024, partSize: 5 * 1024 * 1024 });
    // The second part is lost on the way (a network cut); every command is noted.
    const sent: string[] = [];
    const send = store.client.send.bind(store.client) as (command: unknown) => Promise<unknown>;
    (
      store.client as unknown as { send: (command: { constructor: { name: string }; input: { PartNumber?: number } }) => Promise<unknown> }
    ).send = async (command) => {
      sent.push(command.constructor.name);
      if (command.constructor.name === 'UploadPartCommand' && command.input.PartNumber === 2) throw new Error('socket hang up');
      return send(command);
    };
    try {
      const bytes = randomBytes(11 * 1024 * 1024);
      const file = join(temp, 'coupe.bin');
      await writeFile(file, bytes);
      await expect(store.putFile(file)).rejects.toThrow('socket hang up');
      expect(sent).toContain('AbortMultipartUploadCommand');
      expect(sent).not.toContain('CompleteMultipartUploadCommand');
      expect(await store.stat(sha(bytes))).toBeUndefined();
    } finally {
      store.client.destroy();
      await rm(temp, { recursive: true, force: true });
    }
  });

  it('grows the parts of a very large file so that it fits in 10 000 of them', () => {
    expect(partSizeFor(1024, 16 * 1024 * 1024)).toBe(16 * 1024 * 1024);
    expect(partSizeFor(500 * 1024 ** 3, 16 * 1024 * 1024)).toBe(Math.ceil((500 * 1024 ** 3) / 10_000));
  });
});

describe('file blob store', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'rempart-fsblobs-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('lays blobs out as ab/cd/<sha256>, read-only', async () => {
    const store = createFileBlobStore(root);
    const { sha256 } = await store.put(Readable.from([Buffer.from('layout')]));
    const path = join(root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
    expect(store.pathOf(sha256)).toBe(path);
    expect(await readFile(path, 'utf8')).toBe('layout');
    expect((await stat(path)).mode & 0o222).toBe(0);
  });

  it('never overwrites a stored blob, and says when the stored one was damaged', async () => {
    const store = createFileBlobStore(root);
    const bytes = Buffer.from('original evidence bytes');
    const { sha256 } = await store.put(Readable.from([bytes]));
    const path = store.pathOf(sha256);
    await chmod(path, 0o644);
    await writeFile(path, 'damaged');
    await expect(store.put(Readable.from([bytes]))).rejects.toThrow(/stored with 7 bytes/);
    expect(await readFile(path, 'utf8')).toBe('damaged');
  });

  it('leaves no blob, only a temp file, when killed (kill -9) in the middle of a write; cleanup removes it', async () => {
    const store = createFileBlobStore(join(root, 'crash'));
    const script = fileURLToPath(new URL('../../../tests/fixtures/slow-blob-put.ts', import.meta.url));
    const tsx = fileURLToPath(new URL('../../../bin/tsx.js', import.meta.url));
    const child = spawn(process.execPath, [tsx, script, store.root], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => d.toString().includes('writing') && resolve());
      child.on('exit', (code) => reject(new Error(`child exited early (${code})`)));
    });
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));
    const temps = await readdir(store.tempDir);
    expect(temps).toHaveLength(1);
    expect(temps[0]).toContain(`~${child.pid}~`);
    expect((await stat(join(store.tempDir, temps[0] ?? ''))).size).toBeGreaterThan(0);
    expect((await readdir(store.root)).filter((d) => d !== '.tmp')).toEqual([]);
    expect(await store.cleanupTemp()).toBe(1);
    expect(await readdir(store.tempDir)).toEqual([]);
  }, 30_000);
});

describe('temp file names', () => {
  it('are stale when their writer on this host is dead, or when a day old', () => {
    const mine = tempFileName();
    const host = mine.split('~')[0];
    const now = Date.now();
    const alive = (pid: number) => pid === 4242;
    expect(isStaleTemp(mine, now, now, alive)).toBe(false);
    expect(isStaleTemp(`${host}~4242~0123456789abcdef.tmp`, now, now, alive)).toBe(false);
    expect(isStaleTemp(`${host}~4243~0123456789abcdef.tmp`, now, now, alive)).toBe(true);
    expect(isStaleTemp(`${host}~4243~0123456789abcdef.jpg`, now, now, alive)).toBe(true);
    expect(isStaleTemp(`elsewhere~4243~0123456789abcdef.tmp`, now, now, alive)).toBe(false);
    expect(isStaleTemp(`elsewhere~4243~0123456789abcdef.tmp`, now - 25 * 3600 * 1000, now, alive)).toBe(true);
    expect(isStaleTemp('notes.txt', now - 25 * 3600 * 1000, now, alive)).toBe(false);
  });

  it('cleanup of a directory that does not exist removes nothing', async () => {
    expect(await cleanupTempDir(join(tmpdir(), `missing-${randomBytes(4).toString('hex')}`))).toBe(0);
  });
});
