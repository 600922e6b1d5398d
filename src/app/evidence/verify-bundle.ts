// `rempart verify <bundle.zip>`: checks an exported bundle offline — no database, no network.
// Every file is streamed once and hashed; SHA256SUMS, the manifests, head.json and the ledger
// files are read as text (entries before chain, whatever their order in the archive, since
// the ZIP's central directory gives random access). The judgement is src/domain/evidence/bundle-check.ts.
import { createHash } from 'node:crypto';
import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { CHAIN_FILE, ENTRIES_FILE, HEAD_FILE, SUMS_FILE } from '../../domain/evidence/bundle.js';
import { type BundleProblem, type BundleReport, BundleCheck } from '../../domain/evidence/bundle-check.js';
import { type Locale, t } from '../../locales/index.js';

const MANIFEST = /^evidence\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/manifest\.json$/;
/** Text files read whole (SHA256SUMS, head, manifests) are small; beyond this they are refused. */
const MAX_TEXT = 64 * 1024 * 1024;

async function consume(
  stream: Readable,
  onLine?: (line: string, n: number) => void,
  keepText = false,
): Promise<{ sha256: string; size: number; text: string }> {
  const hash = createHash('sha256');
  const decoder = new StringDecoder('utf8');
  let size = 0;
  let text = '';
  let pending = '';
  let lineNo = 0;
  for await (const chunk of stream) {
    const buf = chunk as Buffer;
    size += buf.length;
    hash.update(buf);
    if (!onLine && !keepText) continue;
    const piece = decoder.write(buf);
    if (keepText) {
      if (text.length + piece.length > MAX_TEXT) throw new Error('text file too large');
      text += piece;
    }
    if (onLine) {
      pending += piece;
      let at = pending.indexOf('\n');
      while (at >= 0) {
        lineNo += 1;
        onLine(pending.slice(0, at), lineNo);
        pending = pending.slice(at + 1);
        at = pending.indexOf('\n');
      }
    }
  }
  const rest = decoder.end();
  if (keepText) text += rest;
  if (onLine) {
    pending += rest;
    if (pending.length > 0) onLine(pending, lineNo + 1);
  }
  return { sha256: hash.digest('hex'), size, text };
}

export async function verifyBundle(path: string): Promise<BundleReport> {
  const zip: ZipFile = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true });
  const check = new BundleCheck();
  try {
    const entries: Entry[] = [];
    for await (const entry of zip.eachEntry()) if (!entry.fileName.endsWith('/')) entries.push(entry);
    const rank = (name: string) => (name === ENTRIES_FILE ? 1 : name === CHAIN_FILE ? 2 : 0);
    entries.sort((a, b) => rank(a.fileName) - rank(b.fileName));
    for (const entry of entries) {
      const name = entry.fileName;
      const stream = await zip.openReadStreamPromise(entry);
      const manifest = MANIFEST.exec(name);
      let result: { sha256: string; size: number; text: string };
      if (name === ENTRIES_FILE) result = await consume(stream, (line, n) => check.addEntryLine(line, n));
      else if (name === CHAIN_FILE) result = await consume(stream, (line, n) => check.addChainLine(line, n));
      else if (name === SUMS_FILE || name === HEAD_FILE || manifest) result = await consume(stream, undefined, true);
      else result = await consume(stream);
      if (name === SUMS_FILE) check.setSums(result.text);
      else if (name === HEAD_FILE) check.setHead(result.text);
      else if (manifest?.[1]) check.addManifest(manifest[1], result.text, result.sha256);
      check.addFile(name, result.sha256, result.size);
    }
  } finally {
    zip.close();
  }
  return check.finish();
}

/** One line naming a problem, in `locale`. */
export function describeBundleProblem(locale: Locale, p: BundleProblem): string {
  const { code, ...params } = p;
  // Numbers as plain text: sequence numbers and sizes are not grouped (1234, not 1 234).
  return t(locale, `evidence.verify.bundle.${code}`, Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])));
}
