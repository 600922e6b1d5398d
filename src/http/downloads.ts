// HTTP helpers for bytes that leave as downloads: uploaded and captured content is evidence,
// possibly hostile (HTML, SVG, scripts in PDFs), so it is never rendered on the app's origin —
// attachment, no type sniffing, and a sandboxing CSP in case a browser opens it anyway.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { UploadPart } from '../app/evidence/upload-evidence.js';

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
