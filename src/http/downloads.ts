// HTTP helpers for bytes that leave as downloads: uploaded and captured content is evidence,
// possibly hostile (HTML, SVG, scripts in PDFs), so it is never rendered on the app's origin —
// attachment, no type sniffing, and a sandboxing CSP in case a browser opens it anyway.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ArtefactDownload } from '../app/evidence/download-artefact.js';
import type { UploadPart } from '../app/evidence/upload-evidence.js';
import { DomainError } from '../domain/errors.js';

/** RFC 6266 / RFC 8187: an ASCII fallback name and the exact UTF-8 name. */
export function contentDisposition(type: 'attachment' | 'inline', filename: string): string {
  // Anything but printable ASCII (controls included), quotes, backslashes and % become '_'.
  const ascii = filename.replace(/[^ -~]|["\\%]/g, '_') || 'download';
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export const SANDBOX_CSP = "sandbox; default-src 'none'";

export function downloadHeaders(
  reply: FastifyReply,
  file: { mediaType: string; filename: string; size?: number; sha256?: string; inline?: boolean },
): FastifyReply {
  reply
    .header('content-type', file.mediaType)
    .header('content-disposition', contentDisposition(file.inline ? 'inline' : 'attachment', file.filename))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', SANDBOX_CSP)
    .header('cross-origin-resource-policy', 'same-origin')
    .header('cache-control', 'private, no-store');
  if (file.size !== undefined) reply.header('content-length', String(file.size));
  if (file.sha256) {
    const b64 = Buffer.from(file.sha256, 'hex').toString('base64');
    reply.header('etag', `"${file.sha256}"`).header('repr-digest', `sha-256=:${b64}:`).header('digest', `sha-256=${b64}`);
  }
  return reply;
}

/** The Range and If-Range headers of a download request (one value each). */
export function rangeHeaders(request: FastifyRequest): { range?: string; ifRange?: string } {
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? undefined : v);
  const range = one(request.headers.range);
  const ifRange = one(request.headers['if-range']);
  return { ...(range ? { range } : {}), ...(ifRange ? { ifRange } : {}) };
}

/** Runs a download use case; a 416 answer carries the size, as RFC 9110 asks. */
export async function withRangeErrors<T>(reply: FastifyReply, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof DomainError && error.code === 'range_not_satisfiable')
      reply.header('content-range', `bytes */${error.params?.size ?? '*'}`);
    throw error;
  }
}

/** An artefact as a download: the whole file (200), or the range asked for (206). */
export function sendArtefact(reply: FastifyReply, d: ArtefactDownload): FastifyReply {
  const size = Number(d.artefact.size);
  downloadHeaders(reply, {
    mediaType: d.artefact.media_type,
    filename: d.artefact.filename,
    size,
    sha256: d.artefact.sha256,
    inline: d.inline,
  });
  reply.header('accept-ranges', 'bytes');
  if (d.range) {
    reply
      .status(206)
      .header('content-range', `bytes ${d.range.start}-${d.range.end}/${size}`)
      .header('content-length', String(d.range.end - d.range.start + 1));
  }
  return reply.send(d.stream);
}

/** The multipart parts of an upload request, as the use case reads them (one at a time). */
export async function* uploadParts(request: FastifyRequest): AsyncGenerator<UploadPart> {
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      yield {
        type: 'file',
        fieldname: part.fieldname,
        filename: part.filename || undefined,
        declaredType: part.mimetype || undefined,
        stream: part.file,
      };
    } else {
      yield {
        type: 'field',
        fieldname: part.fieldname,
        value: typeof part.value === 'string' ? part.value : String(part.value),
        truncated: part.valueTruncated,
      };
    }
  }
}
