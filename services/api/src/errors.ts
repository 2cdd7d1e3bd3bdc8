import { ERROR_STATUS, type ErrorCode } from '@livechat/protocol';

/** An error with a protocol code: the problem handler turns it into `application/problem+json`. */
export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: { errors?: { field: string; message: string }[]; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.status = ERROR_STATUS[code];
  }
}

// Small factories for the errors routes raise most, so the wording stays the same everywhere.

/** A room the caller cannot see answers exactly like a room that does not exist. */
export const roomNotFound = () => new ApiError('not_found', 'No such room');
export const messageNotFound = () => new ApiError('not_found', 'No such message');
export const forbidden = (message: string) => new ApiError('forbidden', message);
export const unauthenticated = (message = 'Sign in first') => new ApiError('unauthenticated', message);
