import type { ErrorCode, FieldError } from '../contract/errors.js';

/**
 * The one error type thrown by domain/ and app/. It names a contract code; the HTTP layer picks
 * the status and the message in the caller's language. `messageKey` overrides the default
 * message (a key of the locale catalogues), `params` fills it.
 */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly fields: FieldError[] | undefined;
  readonly messageKey: string | undefined;
  readonly params: Record<string, string | number> | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(
    code: ErrorCode,
    details: {
      fields?: FieldError[];
      messageKey?: string;
      params?: Record<string, string | number>;
      retryAfterSeconds?: number;
    } = {},
  ) {
    super(code);
    this.name = 'DomainError';
    this.code = code;
    this.fields = details.fields;
    this.messageKey = details.messageKey;
    this.params = details.params;
    this.retryAfterSeconds = details.retryAfterSeconds;
  }
}
