import type { ErrorCode } from '@livechat/protocol';

/** Thrown by a client event handler: answered as `{ ok: false, error: { code, message } }`. */
export class EventRefused extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}
