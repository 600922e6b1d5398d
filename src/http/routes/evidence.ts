import fastifyMultipart from '@fastify/multipart';
import { z } from 'zod';
import { downloadArtefact, downloadPrimaryArtefact } from '../../app/evidence/download-artefact.js';
import { getEvidence, listEvidence } from '../../app/evidence/get-evidence.js';
import { getManifest } from '../../app/evidence/get-manifest.js';
import { readArtefactEmail } from '../../app/evidence/read-email.js';
import { uploadEvidence } from '../../app/evidence/upload-evidence.js';
import { errorResponse } from '../../contract/common.js';
import { artefactKindParams, downloadQuery, emailReadingSchema, evidenceParams, evidenceSchema } from '../../contract/evidence.js';
import { downloadHeaders, rangeHeaders, sendArtefact, uploadParts, withRangeErrors } from '../downloads.js';
import { requirePrincipal } from '../plugins/auth.js';
import type { App, RouteDeps } from './index.js';

const idempotencyHeaders = z.object({ 'idempotency-key': z.string().max(200).optional() }).passthrough();
const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse };
const uploadErrors = { ...errors, 413: errorResponse, 415: errorResponse, 422: errorResponse };
// Bytes (a Buffer or a stream) bypass the response serializer; the schema documents them.
const binary = z.unknown().meta({ description: 'The bytes, as a download', type: 'string', format: 'binary' });

export async function evidenceRoutes(app: App, { ctx }: RouteDeps): Promise<void> {
  // Only this scope parses multipart. The per-file limit is enforced while streaming (413).
  await app.register(fastifyMultipart, {
    limits: { fileSize: ctx.config.uploadMaxBytes + 1, files: 20, fields: 50, fieldSize: 65_536, parts: 100, headerPairs: 200 },
    throwFileSizeLimit: true,
  });

  app.post(
    '/api/v1/cases/:id/evidence',
    {
      config: { scopes: ['capture'] },
      schema: {
        tags: ['evidence'],
        summary: 'Upload files as one sealed evidence (multipart). Honours Idempotency-Key.',
        description:
          'multipart/form-data parts: `file` (repeatable; screenshots, photos, PDF, video, audio, text, HTML, .eml, ZIP — type detected from the bytes), `sha256` (hex SHA-256 of the file just before it, or `sha256[i]` for file i counted from 0; a mismatch → 422 hash_mismatch and nothing is kept), `meta` (JSON: sourceUrl, title, comment, captureTool). Each file at most UPLOAD_MAX_BYTES (413); empty → 422 empty_upload; other types → 415.',
        consumes: ['multipart/form-data'],
        params: evidenceParams,
        headers: idempotencyHeaders,
        response: { 201: evidenceSchema, ...uploadErrors },
      },
    },
    async (request, reply) => {
      const result = await uploadEvidence(ctx, {
        actor: requirePrincipal(request),
        caseId: request.params.id,
        parts: uploadParts(request),
        idempotencyKey: request.headers['idempotency-key'],
        locale: request.locale,
      });
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(result.status).send(result.body);
    },
  );

  app.get(
    '/api/v1/cases/:id/evidence',
    {
      schema: {
        tags: ['evidence'],
        summary: "The case's evidence, oldest first",
        params: evidenceParams,
        response: { 200: z.array(evidenceSchema), 404: errorResponse },
      },
    },
    async (request) => listEvidence(ctx, { actor: requirePrincipal(request), caseId: request.params.id, locale: request.locale }),
  );

  app.get(
    '/api/v1/evidence/:id',
    {
      config: { scopes: ['capture'] },
      schema: {
        tags: ['evidence'],
        summary: 'One evidence: status, artefacts (kind, media type, size, sha256), manifest hash',
        params: evidenceParams,
        response: { 200: evidenceSchema, 404: errorResponse },
      },
    },
    async (request) => getEvidence(ctx, { actor: requirePrincipal(request), evidenceId: request.params.id, locale: request.locale }),
  );

  app.get(
    '/api/v1/evidence/:id/manifest',
    {
      exposeHeadRoute: false,
      schema: {
        tags: ['evidence'],
        summary: 'The sealed manifest, as its exact canonical JSON bytes (their SHA-256 is manifestSha256)',
        params: evidenceParams,
        response: {
          200: z.unknown().meta({ description: 'Canonical JSON (RFC 8785) bytes', type: 'string', format: 'binary' }),
          404: errorResponse,
        },
      },
    },
    async (request, reply) => {
      const m = await getManifest(ctx, { actor: requirePrincipal(request), evidenceId: request.params.id });
      downloadHeaders(reply, {
        mediaType: 'application/json',
        filename: `manifest-${m.evidenceId}.json`,
        size: m.bytes.length,
        sha256: m.sha256,
      });
      return reply.send(m.bytes);
    },
  );

  app.get(
    '/api/v1/evidence/:id/artefacts/:kind',
    {
      exposeHeadRoute: false,
      schema: {
        tags: ['evidence'],
        summary:
          'Download the primary artefact of a kind (attachment; `inline=1` only for thumbnail, screenshot and viewport images). One byte range (Range, If-Range with the ETag) resumes a download: 206; past the end: 416. Logged in the ledger.',
        params: artefactKindParams,
        querystring: downloadQuery,
        response: { 200: binary, 206: binary, 400: errorResponse, 404: errorResponse, 416: errorResponse },
      },
    },
    async (request, reply) => {
      const d = await withRangeErrors(reply, () =>
        downloadPrimaryArtefact(ctx, {
          actor: requirePrincipal(request),
          evidenceId: request.params.id,
          kind: request.params.kind,
          inline: request.query.inline === '1',
          ...rangeHeaders(request),
        }),
      );
      return sendArtefact(reply, d);
    },
  );

  app.get(
    '/api/v1/artefacts/:id/email',
    {
      schema: {
        tags: ['evidence'],
        summary: 'The text and attachment list of an e-mail kept as evidence (.eml), to read it without downloading',
        description:
          'Same access as the file; the read is in the case access log. Text at most 100 000 characters (truncated: true); messages over 10 MiB are not read here (readable: false).',
        params: evidenceParams,
        response: { 200: emailReadingSchema, 400: errorResponse, 404: errorResponse },
      },
    },
    async (request) => readArtefactEmail(ctx, { actor: requirePrincipal(request), artefactId: request.params.id }),
  );

  app.get(
    '/api/v1/artefacts/:id',
    {
      exposeHeadRoute: false,
      schema: {
        tags: ['evidence'],
        summary: 'Download any artefact by id (same rules as above). Logged in the ledger.',
        params: evidenceParams,
        querystring: downloadQuery,
        response: { 200: binary, 206: binary, 400: errorResponse, 404: errorResponse, 416: errorResponse },
      },
    },
    async (request, reply) => {
      const d = await withRangeErrors(reply, () =>
        downloadArtefact(ctx, {
          actor: requirePrincipal(request),
          artefactId: request.params.id,
          inline: request.query.inline === '1',
          ...rangeHeaders(request),
        }),
      );
      return sendArtefact(reply, d);
    },
  );
}
