// Evidence of a case over the API (src/http/routes/{evidence,captures,exports}.ts). Shapes come
// from the server's zod schemas (types only). Uploads go through XMLHttpRequest, the one browser
// API that reports upload progress; everything else through the shared JSON client.
import type { z } from 'zod';
import type { addLocationResponse, captureResponse } from '../../../../src/contract/captures';
import type { artefactKindSchema, emailReadingSchema, evidenceSchema, exportQuery } from '../../../../src/contract/evidence';
import { ApiError, api } from '../../api/client';

export type Evidence = z.infer<typeof evidenceSchema>;
export type Artefact = Evidence['artefacts'][number];
export type ArtefactKind = z.infer<typeof artefactKindSchema>;
export type ExportFormat = z.infer<typeof exportQuery>['format'];

/** The exports the case page offers, in this order: the PDF for police or counsel, then the ZIP. */
export const exportFormats = ['dossier', 'bundle'] as const satisfies readonly ExportFormat[];

/** The steps of a server capture, in order (src/adapters/capture/capture-page.ts, run-capture.ts). */
export const captureSteps = ['loading', 'scrolling', 'screenshot', 'pdf', 'archive', 'sealing'] as const;
export type CaptureStep = (typeof captureSteps)[number];

export const isFinal = (e: Pick<Evidence, 'status'>) => e.status === 'sealed' || e.status === 'failed';

const enc = encodeURIComponent;

export type EmailReading = z.infer<typeof emailReadingSchema>;

export const evidenceApi = {
  list: (caseId: string) => api.get<Evidence[]>(`/api/v1/cases/${enc(caseId)}/evidence`),
  get: (id: string) => api.get<Evidence>(`/api/v1/evidence/${enc(id)}`),
  capture: (caseId: string, url: string) => api.post<z.infer<typeof captureResponse>>(`/api/v1/cases/${enc(caseId)}/captures`, { url }),
  retry: (id: string) => api.post<z.infer<typeof captureResponse>>(`/api/v1/evidence/${enc(id)}/retry`),
  addLocation: (caseId: string, url: string) =>
    api.post<z.infer<typeof addLocationResponse>>(`/api/v1/cases/${enc(caseId)}/locations`, { url }),
  /** An e-mail kept as evidence, to read in the case (the read is in the access log). */
  readEmail: (artefactId: string) => api.get<EmailReading>(`/api/v1/artefacts/${enc(artefactId)}/email`),
};

/** Where the browser downloads things (attachments; the server logs every download). */
export const evidencePaths = {
  artefact: (id: string) => `/api/v1/artefacts/${enc(id)}`,
  /** Only thumbnail, screenshot and viewport images may be shown inline (never an upload or HTML). */
  preview: (id: string) => `/api/v1/artefacts/${enc(id)}?inline=1`,
  manifest: (id: string) => `/api/v1/evidence/${enc(id)}/manifest`,
  /** The dossier is written in `lang` (a plain link sends the browser's language, not Rempart's). */
  export: (caseId: string, format: ExportFormat, lang: string) =>
    `/api/v1/cases/${enc(caseId)}/export?format=${enc(format)}${format === 'dossier' ? `&lang=${enc(lang)}` : ''}`,
};

/** The image shown for an evidence: a thumbnail, else the first screen of a capture, else the full page. */
export function previewArtefact(e: Evidence): Artefact | undefined {
  const image = (kind: ArtefactKind) => e.artefacts.find((a) => a.kind === kind && /^image\/(png|jpeg|webp)/.test(a.mediaType));
  return image('thumbnail') ?? image('viewport') ?? image('screenshot');
}

export interface UploadInput {
  caseId: string;
  file: File;
  sha256: string | undefined;
  meta?: { sourceUrl?: string; comment?: string };
  idempotencyKey: string;
  /** The UI language (the server writes its error messages in it). */
  locale: string;
  onProgress(sent: number, total: number): void;
  signal?: AbortSignal;
}

/**
 * POST /cases/{id}/evidence as multipart: the file, then its `sha256` (the server refuses the
 * file if its own hash differs: 422 hash_mismatch, nothing kept), then `meta`. One evidence per
 * request.
 */
export function uploadEvidence(input: UploadInput): Promise<Evidence> {
  const form = new FormData();
  form.append('file', input.file, input.file.name);
  if (input.sha256) form.append('sha256', input.sha256);
  const meta = Object.fromEntries(Object.entries(input.meta ?? {}).filter(([, v]) => v));
  if (Object.keys(meta).length > 0) form.append('meta', JSON.stringify(meta));

  return new Promise<Evidence>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1/cases/${enc(input.caseId)}/evidence`);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('accept-language', input.locale);
    xhr.setRequestHeader('idempotency-key', input.idempotencyKey);
    xhr.responseType = 'text';
    xhr.upload.onprogress = (event) => input.onProgress(event.loaded, event.lengthComputable ? event.total : input.file.size);
    xhr.onerror = () => reject(new ApiError({ code: 'network', status: 0, message: '' }));
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    xhr.onload = () => {
      let data: unknown;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        data = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(data as Evidence);
      const body = (data as { error?: { code?: string; message?: string; fields?: Array<{ path: string; message: string }> } } | undefined)
        ?.error;
      const error = body?.code
        ? new ApiError({
            code: body.code as ApiError['code'],
            status: xhr.status,
            message: body.message ?? '',
            fields: body.fields ?? [],
            data,
          })
        : new ApiError({ code: 'unexpected', status: xhr.status, message: '' });
      // A session that ended: let the shared client's listeners see it (they drop to sign-in).
      if (error.code === 'unauthenticated') void api.get('/api/v1/me').catch(() => undefined);
      reject(error);
    };
    input.signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(form);
  });
}

/** Bytes in the reader's words: « 12,3 Mo », "12.3 MB". */
export function formatBytes(size: number, locale: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = size;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: units[unit],
    unitDisplay: 'short',
    maximumFractionDigits: unit === 0 ? 0 : 1,
  }).format(value);
}
