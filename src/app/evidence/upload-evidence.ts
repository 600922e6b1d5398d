// POST /cases/{id}/evidence (DESIGN.md §5): one evidence per request, built from the parts
// `file` (repeatable), `sha256` (the client's hash of the file just before, or `sha256[i]` for
// file i, 0-based) and `meta` (JSON). Each file is streamed to a temp file while hashed and
// counted (UPLOAD_MAX_BYTES per file), refused if empty, different from the client's hash, or
// of a type we do not keep (detected from its bytes); then its metadata is read (e-mail
// headers, EXIF) and a thumbnail made. Blobs are published first, then one transaction records
// the evidence and seals it (manifest + ledger + step 4.1.1): a crash in between leaves unused
// blobs, never sealed evidence pointing at missing bytes.
import { rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { findLocationIdByUrl, insertEvidence, listArtefacts } from '../../adapters/db/evidence.js';
import { receiveToTempFile } from '../../adapters/blobs/temp-files.js';
import { detectMedia, readEmailHeaders, readImageFacts } from '../../adapters/media/inspect.js';
import { makeThumbnail } from '../../adapters/media/thumbnails.js';
import { type UploadMeta, uploadMetaSchema } from '../../contract/evidence.js';
import { canAddEvidence } from '../../domain/evidence/access.js';
import type { ArtefactKind, ManifestArtefact } from '../../domain/evidence/manifest.js';
import type { MediaFamily } from '../../domain/evidence/media.js';
import { jsonSafe, safeFilename } from '../../domain/evidence/meta.js';
import { DomainError } from '../../domain/errors.js';
import type { Locale } from '../../locales/index.js';
import type { Principal } from '../auth/principal.js';
import { loadCase, loadCaseForUpdate } from '../cases/load-case.js';
import type { AppContext } from '../context.js';
import { type IdempotentResult, withIdempotency } from '../idempotency.js';
import { unionNoticeGranted } from './evidence-access.js';
import { type EvidenceJson, presentEvidence } from './present-evidence.js';
import { sealEvidence } from './seal-evidence.js';

export type UploadPart =
  | { type: 'file'; fieldname: string; filename: string | undefined; declaredType: string | undefined; stream: Readable }
  | { type: 'field'; fieldname: string; value: string; truncated: boolean };

interface StagedFile {
  index: number;
  path: string;
  sha256: string;
  size: number;
  originalName: string | undefined;
  declaredType: string | undefined;
  clientSha256?: string;
}

const MAX_FILES = 20;
const SHA256 = /^[0-9a-fA-F]{64}$/;
const INDEXED_SHA = /^sha256\[(\d{1,3})\]$/;

function invalid(path: string, message = 'field.invalid'): DomainError {
  return new DomainError('invalid_input', { fields: [{ path, message }] });
}

function clientHash(value: string, path: string): string {
  const v = value.trim();
  if (!SHA256.test(v)) throw invalid(path, 'field.invalid_format');
  return v.toLowerCase();
}

function parseMeta(value: string): UploadMeta {
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    throw invalid('meta', 'field.invalid_format');
  }
  const parsed = uploadMetaSchema.safeParse(json);
  if (!parsed.success) {
    throw new DomainError('invalid_input', {
      fields: parsed.error.issues.map((i) => ({ path: ['meta', ...i.path.map(String)].join('.'), message: 'field.invalid' })),
    });
  }
  return parsed.data;
}

function stem(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

async function receiveParts(
  ctx: Pick<AppContext, 'config' | 'blobs'>,
  parts: AsyncIterable<UploadPart>,
  staged: StagedFile[],
): Promise<UploadMeta> {
  let meta: UploadMeta = {};
  let metaSeen = false;
  const indexed = new Map<number, string>();
  for await (const part of parts) {
    if (part.type === 'file') {
      if (part.fieldname !== 'file') {
        part.stream.resume();
        throw invalid(part.fieldname, 'field.invalid');
      }
      if (staged.length >= MAX_FILES) {
        part.stream.resume();
        throw new DomainError('payload_too_large', { messageKey: 'evidence.error.too_many_files', params: { max: MAX_FILES } });
      }
      const received = await receiveToTempFile(part.stream, { dir: ctx.blobs.tempDir, maxBytes: ctx.config.uploadMaxBytes });
      staged.push({
        index: staged.length,
        path: received.path,
        sha256: received.sha256,
        size: received.size,
        originalName: part.filename,
        declaredType: part.declaredType,
      });
      continue;
    }
    if (part.truncated) throw invalid(part.fieldname, 'field.too_big');
    if (part.fieldname === 'meta') {
      if (metaSeen) throw invalid('meta', 'field.invalid');
      metaSeen = true;
      meta = parseMeta(part.value);
    } else if (part.fieldname === 'sha256') {
      const last = staged[staged.length - 1];
      if (!last || last.clientSha256 !== undefined) throw invalid('sha256', 'field.invalid');
      last.clientSha256 = clientHash(part.value, 'sha256');
    } else {
      const m = INDEXED_SHA.exec(part.fieldname);
      if (!m) throw invalid(part.fieldname, 'field.invalid');
      indexed.set(Number(m[1]), clientHash(part.value, part.fieldname));
    }
  }
  for (const [index, sha] of indexed) {
    const file = staged[index];
    if (!file) throw invalid(`sha256[${index}]`, 'field.invalid');
    if (file.clientSha256 !== undefined && file.clientSha256 !== sha) throw invalid(`sha256[${index}]`, 'field.invalid');
    file.clientSha256 = sha;
  }
  return meta;
}

interface Prepared {
  artefacts: ManifestArtefact[];
  /** Temp file → the artefact it becomes (published before sealing). */
  publish: Array<{ path: string; artefact: ManifestArtefact }>;
}

// The kind a capture client declared for a file (meta.kinds), if its bytes agree: screenshots are
// images, an MHTML archive is MIME text, the page's DOM is HTML. Undeclared files stay `upload`.
function declaredKind(meta: UploadMeta, family: MediaFamily, index: number): { kind: ArtefactKind; mediaType?: string } {
  const declared = meta.kinds?.[index];
  if (!declared || declared === 'upload') return { kind: 'upload' };
  const fits =
    declared === 'mhtml' ? family === 'email' || family === 'text' : declared === 'html' ? family === 'html' : family === 'image';
  if (!fits) throw invalid(`meta.kinds.${index}`, 'field.invalid');
  return declared === 'mhtml' ? { kind: 'mhtml', mediaType: 'multipart/related' } : { kind: declared };
}

async function prepare(
  ctx: Pick<AppContext, 'blobs'>,
  staged: readonly StagedFile[],
  cleanup: string[],
  uploadMeta: UploadMeta,
): Promise<Prepared> {
  if (uploadMeta.kinds && uploadMeta.kinds.length !== staged.length) throw invalid('meta.kinds', 'field.invalid');
  const uploads: Array<{ path: string; artefact: ManifestArtefact }> = [];
  const thumbnails: Array<{ path: string; artefact: ManifestArtefact }> = [];
  const kinds: Array<{ file: StagedFile; family: MediaFamily; mediaType: string; ext: string }> = [];
  // Every file is checked before any work is done on one.
  for (const file of staged) {
    const name = safeFilename(file.originalName, `upload-${file.index + 1}`);
    if (file.size === 0) throw new DomainError('empty_upload', { messageKey: 'evidence.error.empty', params: { name } });
    if (file.clientSha256 !== undefined && file.clientSha256 !== file.sha256) {
      throw new DomainError('hash_mismatch', {
        messageKey: 'evidence.error.hash_mismatch',
        params: { name, expected: file.clientSha256, found: file.sha256 },
      });
    }
  }
  for (const file of staged) {
    const kind = await detectMedia(file.path);
    if (!kind.accepted) {
      throw new DomainError('unsupported_media_type', {
        messageKey: 'evidence.error.unsupported',
        params: { name: safeFilename(file.originalName, `upload-${file.index + 1}`), type: kind.detected },
      });
    }
    kinds.push({ file, family: kind.family, mediaType: kind.mediaType, ext: kind.ext });
  }
  for (const { file, family, mediaType, ext } of kinds) {
    const filename = safeFilename(file.originalName, `upload-${file.index + 1}.${ext}`);
    const meta: Record<string, unknown> = { detectedType: mediaType };
    if (file.originalName !== undefined) meta.originalName = file.originalName;
    if (file.declaredType) meta.declaredType = file.declaredType;
    if (family === 'email') meta.email = await readEmailHeaders(file.path);
    if (family === 'image') Object.assign(meta, await readImageFacts(file.path));
    const declared = declaredKind(uploadMeta, family, file.index);
    const artefact: ManifestArtefact = {
      kind: declared.kind,
      mediaType: declared.mediaType ?? mediaType,
      size: file.size,
      sha256: file.sha256,
      filename,
      ...(file.clientSha256 ? { clientSha256: file.clientSha256 } : {}),
      meta: (jsonSafe(meta) ?? {}) as Record<string, unknown>,
    };
    uploads.push({ path: file.path, artefact });
    const thumb = await makeThumbnail(file.path, family, ctx.blobs.tempDir);
    if (thumb) {
      cleanup.push(thumb.path);
      thumbnails.push({
        path: thumb.path,
        artefact: {
          kind: 'thumbnail',
          mediaType: thumb.mediaType,
          size: 0,
          sha256: '',
          filename: `${stem(filename)}.thumbnail.jpg`,
          meta: { of: file.sha256, width: thumb.width, height: thumb.height, generator: thumb.generator },
        },
      });
    }
  }
  const publish = [...uploads, ...thumbnails];
  return { artefacts: publish.map((p) => p.artefact), publish };
}

export async function uploadEvidence(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config' | 'blobs'>,
  input: { actor: Principal; caseId: string; parts: AsyncIterable<UploadPart>; idempotencyKey: string | undefined; locale: Locale },
): Promise<IdempotentResult<EvidenceJson>> {
  const { actor } = input;
  const startedAt = ctx.clock.now();
  // Visibility and the right to add evidence come before a single byte is read.
  const loaded = await loadCase(ctx.db, actor, input.caseId, startedAt);
  const unionNotice = loaded.access.roles.includes('union') ? await unionNoticeGranted(ctx.db, loaded.row.id) : false;
  if (!canAddEvidence(loaded.access, unionNotice)) throw new DomainError('forbidden', { messageKey: 'evidence.error.add_forbidden' });
  if (loaded.row.status === 'closed') throw new DomainError('invalid_transition', { messageKey: 'case.error.closed' });

  const staged: StagedFile[] = [];
  const cleanup: string[] = [];
  try {
    let meta: UploadMeta;
    try {
      meta = await receiveParts(ctx, input.parts, staged);
    } finally {
      cleanup.push(...staged.map((s) => s.path));
    }
    if (staged.length === 0) throw invalid('file', 'field.required');
    const prepared = await prepare(ctx, staged, cleanup, meta);

    // Publish every blob (hashed again as stored) before the sealing transaction.
    for (const item of prepared.publish) {
      const stored = await ctx.blobs.putFile(item.path, { move: true });
      if (item.artefact.kind !== 'thumbnail' && stored.sha256 !== item.artefact.sha256)
        throw new Error(`upload changed on disk before it was stored (${item.artefact.sha256})`);
      item.artefact.sha256 = stored.sha256;
      item.artefact.size = stored.size;
    }
    const endedAt = ctx.clock.now();
    // "Came from the extension": sent with an API token by a client that names itself so (the
    // paired extension's token is limited to the capture scope); the manifest keeps the tool.
    const source = meta.captureTool === 'extension' && actor.via === 'token' ? 'extension' : 'upload';
    const request = {
      caseId: loaded.row.id,
      files: prepared.artefacts
        .filter((a) => a.kind !== 'thumbnail')
        .map((a) => ({ sha256: a.sha256, size: a.size, filename: a.filename })),
      meta,
    };
    return await withIdempotency(
      ctx.db,
      { userId: actor.userId, key: input.idempotencyKey, route: 'POST /api/v1/cases/:id/evidence', request, now: endedAt },
      async (tx) => {
        const { row } = await loadCaseForUpdate(tx, actor, loaded.row.id, endedAt);
        if (row.status === 'closed') throw new DomainError('invalid_transition', { messageKey: 'case.error.closed' });
        const evidence = await insertEvidence(tx, {
          case_id: row.id,
          location_id: meta.sourceUrl ? await findLocationIdByUrl(tx, row.id, meta.sourceUrl) : null,
          source,
          status: 'capturing',
          source_url: meta.sourceUrl ?? null,
          title: meta.title ?? null,
          comment: meta.comment ?? null,
          requested_by: actor.userId,
          created_at: startedAt,
          started_at: startedAt,
          attempts: 1,
        });
        await sealEvidence(tx, ctx, {
          evidence,
          artefacts: prepared.artefacts,
          details: {
            // A client capture started on the client (its clock, never after we began receiving:
            // a queued offline capture may be sent days later); it ended when every byte was here.
            captureStartedAt: meta.capturedAt && new Date(meta.capturedAt) < startedAt ? new Date(meta.capturedAt) : startedAt,
            captureEndedAt: endedAt,
            ...(meta.captureTool ? { tool: meta.captureTool } : {}),
            ...(meta.browser ? { browser: meta.browser } : {}),
            ...(meta.viewport ? { viewport: meta.viewport } : {}),
          },
          store: ctx.blobs.kind,
        });
        const sealed = await tx.selectFrom('evidence').selectAll().where('id', '=', evidence.id).executeTakeFirstOrThrow();
        return { status: 201, body: presentEvidence(sealed, await listArtefacts(tx, [evidence.id]), input.locale) };
      },
    );
  } finally {
    await Promise.all(cleanup.map((p) => rm(p, { force: true })));
  }
}
