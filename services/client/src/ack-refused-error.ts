import type { AckError, ErrorCode } from '@livechat/protocol';

/** A socket request the server answered with `{ ok: false, error }`, or did not answer in time. */
export class AckRefusedError extends Error {
  override name = 'AckRefusedError';
  readonly code: ErrorCode;

  constructor(error: AckError) {
    super(error.message);
    this.code = error.code;
  }
}
