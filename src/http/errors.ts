// The only place that turns errors into HTTP answers: contract code → status, message in the
// caller's language. Bad input is always a 4xx; anything unexpected is a 500 with generic text
// (details stay in the log, under the request id).
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ErrorBody, ErrorCode, FieldError } from '../contract/errors.js';
import { DomainError } from '../domain/errors.js';
import { hasMessage, type Locale, t } from '../locales/index.js';

export const statusOf: Record<ErrorCode, number> = {
  invalid_input: 400,
  invalid_credentials: 401,
  unauthenticated: 401,
  totp_required: 401,
  origin_rejected: 403,
  forbidden: 403,
  totp_enrolment_required: 403,
  not_found: 404,
  conflict: 409,
  invalid_transition: 409,
  stale_version: 409,
  consent_required: 409,
  evidence_required: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  empty_upload: 422,
  hash_mismatch: 422,
  destination_blocked: 422,
  invalid_token: 422,
  rate_limited: 429,
  range_not_satisfiable: 416,
  internal: 500,
  reauthentication_failed: 403,
  totp_invalid: 422,
};

export function errorBody(locale: Locale, code: ErrorCode, messageKey?: string, params?: Record<string, string | number>, fields?: FieldError[]): ErrorBody {
  return {
    error: {
      code,
      message: t(locale, messageKey ?? `error.${code}`, params),
      ...(fields && fields.length > 0 ? { fields } : {}),
    },
  };
}

const zodCodeToKey: Record<string, string> = {
  invalid_type: 'field.invalid_type',
  too_small: 'field.too_small',
  too_big: 'field.too_big',
  invalid_format: 'field.invalid_format',
  invalid_string: 'field.invalid_format',
  invalid_value: 'field.invalid_value',
  invalid_enum_value: 'field.invalid_value',
};

interface ValidationIssue {
  keyword: string;
  message?: string;
  instancePath: string;
  params?: Record<string, unknown>;
}

function fieldsFromValidation(locale: Locale, context: string | undefined, issues: ValidationIssue[]): FieldError[] {
  const prefix = context && context !== 'body' ? `${context}.` : '';
  const out: FieldError[] = [];
  for (const issue of issues) {
    const base = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
    if (issue.keyword === 'unrecognized_keys' && Array.isArray(issue.params?.keys)) {
      for (const key of issue.params.keys as string[]) {
        out.push({ path: `${prefix}${base ? `${base}.` : ''}${key}`, message: t(locale, 'field.unknown', { name: key }) });
      }
      continue;
    }
    // zod 4 does not echo the input; its invalid_type message names what it received.
    const missing = issue.keyword === 'invalid_type' && / received undefined$/.test(String((issue as { message?: string }).message ?? ''));
    const custom = issue.keyword === 'custom' && issue.message && hasMessage(locale, `field.${issue.message}`) ? `field.${issue.message}` : undefined;
    const key = missing ? 'field.required' : (custom ?? zodCodeToKey[issue.keyword] ?? 'field.invalid');
    out.push({ path: `${prefix}${base}` || context || 'body', message: t(locale, key) });
  }
  return out;
}

export function handleError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const locale = request.locale;
  if (error instanceof DomainError) {
    if (error.retryAfterSeconds !== undefined) reply.header('retry-after', String(error.retryAfterSeconds));
    // Field messages of domain errors are catalogue keys (field.*), rendered in the caller's language.
    const fields = error.fields?.map((f) => ({ path: f.path, message: hasMessage(locale, f.message) ? t(locale, f.message) : f.message }));
    return reply.status(statusOf[error.code]).send(errorBody(locale, error.code, error.messageKey, error.params, fields));
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const fields = fieldsFromValidation(locale, (error as { validationContext?: string }).validationContext, error.validation);
    return reply.status(400).send(errorBody(locale, 'invalid_input', undefined, undefined, fields));
  }
  const fe = error as FastifyError;
  switch (fe.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return reply.status(400).send(errorBody(locale, 'invalid_input', 'error.invalid_json'));
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_PARTS_LIMIT':
    case 'FST_FILES_LIMIT':
      return reply.status(413).send(errorBody(locale, 'payload_too_large'));
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return reply.status(fe.code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH' ? 400 : 415).send(
        errorBody(locale, fe.code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH' ? 'invalid_input' : 'unsupported_media_type'),
      );
    default:
      break;
  }
  // Other 4xx raised by Fastify or its plugins (bad URL encoding, bad headers…) stay 4xx.
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    if (fe.statusCode === 429) return reply.status(429).send(errorBody(locale, 'rate_limited', undefined, { seconds: 60 }));
    return reply.status(fe.statusCode === 404 ? 404 : 400).send(errorBody(locale, fe.statusCode === 404 ? 'not_found' : 'invalid_input'));
  }
  request.log.error({ err: error }, 'unhandled error');
  return reply.status(500).send(errorBody(locale, 'internal'));
}
