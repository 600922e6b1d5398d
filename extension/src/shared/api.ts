// The public Rempart API as the extension uses it (DESIGN.md §5), typed from the server's own zod
// schemas (src/contract, `import type` only: nothing of the server is bundled). A paired token
// (scope `capture`) reaches: who am I, list/open cases, one case, upload evidence, one evidence.
// Requests never carry cookies (credentials: 'omit'): the bearer token is the only credential.
import type { z } from 'zod';
import type { meResponse } from '../../../src/contract/auth';
import type { caseSchema, listCasesResponse } from '../../../src/contract/cases';
import type { evidenceSchema } from '../../../src/contract/evidence';
import type { pollPairingResponse, startPairingResponse } from '../../../src/contract/pairing';
import { apiLanguage } from './i18n';

export type Me = z.infer<typeof meResponse>;
export type CaseSummary = z.infer<typeof listCasesResponse>['items'][number];
export type CaseDetail = z.infer<typeof caseSchema>;
export type Evidence = z.infer<typeof evidenceSchema>;
export type StartedPairing = z.infer<typeof startPairingResponse>;
export type PolledPairing = z.infer<typeof pollPairingResponse>;

/** A refusal by the server (4xx/5xx with the contract's error body), or `network` when unreachable. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export async function errorFrom(response: Response): Promise<ApiError> {
  let code = response.status >= 500 ? 'internal' : 'unexpected';
  let message = `HTTP ${response.status}`;
  try {
    const body = (await response.json()) as { error?: { code?: unknown; message?: unknown } };
    if (typeof body.error?.code === 'string') code = body.error.code;
    if (typeof body.error?.message === 'string') message = body.error.message;
  } catch {
    // Not the contract's JSON (a proxy's page): the status says enough.
  }
  const retryAfter = Number(response.headers.get('retry-after'));
  return new ApiError(code, response.status, message, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined);
}

export interface CallOptions {
  method?: 'GET' | 'POST';
  token?: string;
  json?: unknown;
  body?: FormData;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** Sends one request; throws ApiError (code `network` when the server could not be reached). */
export async function call<T>(
  serverUrl: string,
  path: string,
  options: CallOptions = {},
): Promise<{ status: number; data: T; headers: Headers }> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': apiLanguage(), ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: BodyInit | undefined;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.body) {
    body = options.body;
  }
  let response: Response;
  try {
    response = await fetch(`${serverUrl}${path}`, {
      method: options.method ?? (body ? 'POST' : 'GET'),
      headers,
      ...(body ? { body } : {}),
      credentials: 'omit',
      cache: 'no-store',
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    throw new ApiError('network', 0, error instanceof Error ? error.message : String(error));
  }
  if (!response.ok) throw await errorFrom(response);
  const data = (response.status === 204 ? null : await response.json()) as T;
  return { status: response.status, data, headers: response.headers };
}

export const api = {
  startPairing: (serverUrl: string, clientName: string) =>
    call<StartedPairing>(serverUrl, '/api/v1/pairings', { json: { clientName, clientKind: 'extension' } }).then((r) => r.data),
  pollPairing: (serverUrl: string, id: string, pollSecret: string) =>
    call<PolledPairing>(serverUrl, `/api/v1/pairings/${encodeURIComponent(id)}/token`, { json: { pollSecret } }).then((r) => r.data),
  me: (serverUrl: string, token: string) => call<Me>(serverUrl, '/api/v1/me', { token }).then((r) => r.data),
  listCases: (serverUrl: string, token: string) =>
    call<z.infer<typeof listCasesResponse>>(serverUrl, '/api/v1/cases?limit=100', { token }).then((r) => r.data.items),
  openCase: (serverUrl: string, token: string, summary: string, idempotencyKey: string) =>
    call<CaseDetail>(serverUrl, '/api/v1/cases', { token, json: { summary }, headers: { 'idempotency-key': idempotencyKey } }).then(
      (r) => r.data,
    ),
};
