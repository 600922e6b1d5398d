// Error codes of the public HTTP contract (DESIGN.md §5), shared by server, web UI, extension
// and CLI. Only src/http/errors.ts maps a code to a status.
export const errorCodes = [
  'invalid_input',
  'invalid_credentials',
  'unauthenticated',
  'totp_required',
  'origin_rejected',
  'forbidden',
  'totp_enrolment_required',
  'not_found',
  'conflict',
  'invalid_transition',
  'stale_version',
  'consent_required',
  // A removal request cites a location with no sealed evidence yet (409; override with a reason).
  'evidence_required',
  'payload_too_large',
  'unsupported_media_type',
  'empty_upload',
  'hash_mismatch',
  'destination_blocked',
  'invalid_token',
  'rate_limited',
  'range_not_satisfiable',
  'internal',
  // A signed-in user's password (or second factor) re-check failed (403).
  'reauthentication_failed',
  // The TOTP code given to confirm an enrolment is wrong (422).
  'totp_invalid',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export interface FieldError {
  path: string;
  message: string;
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; fields?: FieldError[] };
}
