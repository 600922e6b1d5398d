// A small typed fetch client for /api/v1. JSON in and out, the session cookie (same origin),
// Accept-Language of the chosen UI language (the server writes its error messages in it), and
// every error body mapped to an ApiError carrying the contract's code, message and field errors.
import type { ErrorBody, ErrorCode, FieldError } from '../../../src/contract/errors';

/** Contract codes, plus what the browser itself may run into. */
export type ApiErrorCode = ErrorCode | 'network' | 'unexpected';

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly status: number;
  readonly fields: FieldError[];
  readonly retryAfterSeconds: number | undefined;
  /** The whole error body, for answers that carry more than `error` (a refused CSV import's `report`). */
  readonly data: unknown;

  constructor(init: {
    code: ApiErrorCode;
    status: number;
    message: string;
    fields?: FieldError[];
    retryAfterSeconds?: number | undefined;
    data?: unknown;
  }) {
    super(init.message);
    this.name = 'ApiError';
    this.code = init.code;
    this.status = init.status;
    this.fields = init.fields ?? [];
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.data = init.data;
  }

  /** The message of the field at `path` ("email", "newPassword"…), if the server named it. */
  fieldMessage(path: string): string | undefined {
    return this.fields.find((f) => f.path === path)?.message;
  }
}

export function isApiError(error: unknown, code?: ApiErrorCode): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

type Listener = (error: ApiError, request: { method: string; path: string }) => void;

let acceptLanguage = 'fr-CA';
const listeners = new Set<Listener>();

/** Set by the locale provider whenever the UI language changes. */
export function setApiLanguage(locale: string): void {
  acceptLanguage = locale;
}

/** Lets the session layer react to `unauthenticated` / `totp_enrolment_required` from any call. */
export function onApiError(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string';
}

export interface RequestOptions {
  body?: unknown;
  signal?: AbortSignal;
  /** A body sent as it is instead of JSON (a CSV file), with its media type. */
  raw?: { body: Blob | string; type: string };
  /** Extra request headers, e.g. `Idempotency-Key` for POST /api/v1/cases. */
  headers?: Record<string, string>;
}

export async function request<T>(
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: string,
  options: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { ...options.headers, accept: 'application/json', 'accept-language': acceptLanguage };
  const init: RequestInit = { method, headers, credentials: 'same-origin', cache: 'no-store' };
  if (options.raw) {
    headers['content-type'] = options.raw.type;
    init.body = options.raw.body;
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }
  if (options.signal) init.signal = options.signal;

  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw emit(new ApiError({ code: 'network', status: 0, message: '' }), method, path);
  }
  const text = await response.text();
  let data: unknown;
  if (text.length > 0) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (response.ok) return data as T;

  const retryHeader = response.headers.get('retry-after');
  const retryAfterSeconds = retryHeader && /^\d+$/.test(retryHeader) ? Number(retryHeader) : undefined;
  const error = isErrorBody(data)
    ? new ApiError({
        code: data.error.code,
        status: response.status,
        message: data.error.message,
        fields: data.error.fields ?? [],
        retryAfterSeconds,
        data,
      })
    : new ApiError({ code: 'unexpected', status: response.status, message: '' });
  throw emit(error, method, path);
}

function emit(error: ApiError, method: string, path: string): ApiError {
  for (const listener of listeners) listener(error, { method, path });
  return error;
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('POST', path, { ...options, body }),
  patch: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PATCH', path, { ...options, body }),
  put: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PUT', path, { ...options, body }),
  delete: <T = void>(path: string, options?: RequestOptions) => request<T>('DELETE', path, options),
};
