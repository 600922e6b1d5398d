// Evidence, artefacts, exports and deep verification (DESIGN.md §5), shared by the server, the
// web UI, the extension and the CLI.
import { z } from 'zod';
import { artefactKinds } from '../domain/evidence/manifest.js';

export const artefactKindSchema = z.enum(artefactKinds);
export const evidenceStatusSchema = z.enum(['queued', 'capturing', 'sealed', 'failed']);
export const evidenceSourceSchema = z.enum(['capture', 'upload', 'extension']);
export const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/);

export const artefactSchema = z
  .object({
    id: z.uuid(),
    kind: artefactKindSchema,
    mediaType: z.string(),
    size: z.number().int(),
    sha256: sha256Schema,
    filename: z.string(),
    /** An uploaded e-mail: its main headers, decoded for people (every header stays in the file). */
    email: z
      .object({
        from: z.string().nullable(),
        to: z.string().nullable(),
        subject: z.string().nullable(),
        date: z.string().nullable().describe('The Date header in UTC (ISO 8601), when readable'),
        receivedHops: z.number().int().describe('How many Received headers trace its path'),
      })
      .optional(),
  })
  .meta({ id: 'Artefact' });

export const evidenceSchema = z
  .object({
    id: z.uuid(),
    caseId: z.uuid(),
    status: evidenceStatusSchema,
    source: evidenceSourceSchema,
    sourceUrl: z.string().nullable(),
    title: z.string().nullable(),
    comment: z.string().nullable(),
    createdAt: z.string(),
    capturedAt: z.string().nullable(),
    sealedAt: z.string().nullable(),
    /** Step of a running capture (loading, screenshot, pdf, archive, sealing), for the UI. */
    progress: z.string().nullable(),
    artefacts: z.array(artefactSchema),
    manifestSha256: sha256Schema.nullable(),
    error: z.object({ code: z.string(), message: z.string() }).optional(),
  })
  .meta({ id: 'Evidence' });

/** The `meta` part of an upload (JSON text). */
export const uploadMetaSchema = z.strictObject({
  sourceUrl: z
    .url({ protocol: /^https?$/ })
    .max(2048)
    .optional(),
  title: z.string().trim().min(1).max(500).optional(),
  comment: z.string().trim().min(1).max(5000).optional(),
  captureTool: z.string().trim().min(1).max(200).optional(),
  // What a capture client (the browser extension) saw, for the manifest: when (its clock), which
  // browser, the viewport, and the kind of each file in order (checked against the detected type).
  capturedAt: z.iso.datetime({ offset: true }).optional(),
  browser: z
    .strictObject({
      name: z.string().trim().min(1).max(100),
      version: z.string().trim().min(1).max(100),
      userAgent: z.string().max(1000).optional(),
    })
    .optional(),
  viewport: z.strictObject({ width: z.number().int().min(1).max(100_000), height: z.number().int().min(1).max(100_000) }).optional(),
  kinds: z
    .array(z.enum(['screenshot', 'viewport', 'mhtml', 'html', 'upload']))
    .max(20)
    .optional(),
});
export type UploadMeta = z.infer<typeof uploadMetaSchema>;

export const evidenceParams = z.strictObject({ id: z.string().max(64) });
export const artefactKindParams = z.strictObject({ id: z.string().max(64), kind: artefactKindSchema });
export const downloadQuery = z.strictObject({ inline: z.enum(['0', '1']).optional() });

// `dossier` (the PDF for police or counsel) lands with the PDF work; until then only `bundle`.
export const exportQuery = z.strictObject({ format: z.enum(['bundle', 'dossier']), lang: z.enum(['fr-CA', 'en']).optional() });

export const evidenceProblemSchema = z.object({
  code: z.string(),
  evidenceId: z.string().nullable(),
  artefactId: z.string().nullable(),
  kind: z.string().nullable(),
  expected: z.string().nullable(),
  found: z.string().nullable(),
  message: z.string(),
});

export const ledgerVerifyQuery = z.strictObject({ deep: z.enum(['true', 'false', '1', '0']).optional() });

export const deepVerificationSchema = z.object({
  evidence: z.number(),
  blobs: z.number(),
  bytes: z.number(),
  problems: z.array(evidenceProblemSchema),
});

export const emailReadingSchema = z
  .object({
    /** false for a message too large to read here (download the file). */
    readable: z.boolean(),
    text: z.string(),
    truncated: z.boolean(),
    attachments: z.array(z.object({ filename: z.string().nullable(), contentType: z.string(), size: z.number().int() })),
  })
  .meta({ id: 'EmailReading' });
