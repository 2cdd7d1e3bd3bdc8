/** A mail as it leaves the queue; `id` doubles as the provider's idempotency key. */
export interface OutgoingMail {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Delivers one mail or throws; the mail worker retries with backoff. */
export interface MailSender {
  readonly name: string;
  send(mail: OutgoingMail): Promise<void>;
}

/**
 * Thrown by a sender when retrying cannot help (the provider rejected the mail itself, e.g. an invalid
 * address): the worker stops retrying that mail and keeps the reason in `last_error`.
 */
export class PermanentMailError extends Error {
  override name = 'PermanentMailError';
}
