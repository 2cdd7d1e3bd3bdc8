import { Type, type Static } from 'typebox';

/**
 * The closed vocabulary of error codes. REST answers them in `application/problem+json` bodies, socket
 * acknowledgements as `{ ok: false, error: { code, message } }`, handshake refusals in `connect_error.data`.
 * Each code has exactly one HTTP status, so clients can branch on the code alone.
 */
export const ERROR_STATUS = {
  bad_request: 400,
  validation_failed: 400,
  unauthenticated: 401,
  token_expired: 401,
  invalid_credentials: 401,
  forbidden: 403,
  origin_not_allowed: 403,
  email_not_verified: 403,
  not_found: 404,
  conflict: 409,
  idempotency_conflict: 409,
  too_far_behind: 410,
  invalid_token: 400,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  protocol_mismatch: 426,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
export const ERROR_CODES = Object.keys(ERROR_STATUS) as ErrorCode[];

export const ErrorCodeSchema = Type.Unsafe<ErrorCode>(
  Type.Union(ERROR_CODES.map((code) => Type.Literal(code))),
);

/** RFC 9457 problem details, with our stable `code` and, for validation errors, the offending fields. */
export const Problem = Type.Object({
  type: Type.String(),
  title: Type.String(),
  status: Type.Integer(),
  code: ErrorCodeSchema,
  detail: Type.String(),
  instance: Type.Optional(Type.String()),
  requestId: Type.Optional(Type.String()),
  errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
  retryAfterSeconds: Type.Optional(Type.Integer()),
});
export type Problem = Static<typeof Problem>;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** The problem `type` of a code: a stable URI per code (RFC 9457 §3.1.1). */
export const problemType = (code: ErrorCode): string => `https://livechat.dev/problems/${code}`;

/** The error half of every socket acknowledgement. */
export interface AckError {
  code: ErrorCode;
  message: string;
}
export type Ack<T = undefined> = { ok: true; data: T } | { ok: false; error: AckError };
