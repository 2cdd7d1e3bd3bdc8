import { Resend } from 'resend';
import { PermanentMailError, type MailSender } from './mail-sender.js';

export interface ResendOptions {
  apiKey: string;
  /** The API's base URL; unset means the SDK's own default (its RESEND_BASE_URL variable, else Resend). */
  baseUrl?: string | undefined;
  from: string;
  /** @default 15_000 */
  timeoutMs?: number;
}

/** Statuses where Resend refused the mail itself: sending it again would be refused again. */
const PERMANENT_STATUSES = new Set([400, 422]);

/**
 * Sends through the Resend SDK. The mail id is the idempotency key, so a retry after a lost response
 * (timeout, crash before marking it sent) never delivers the mail twice.
 */
export function resendMailSender(options: ResendOptions): MailSender {
  const resend = new Resend(options.apiKey, options.baseUrl ? { baseUrl: options.baseUrl } : undefined);
  return {
    name: 'resend',
    async send(mail) {
      const { error } = await resend.emails.send(
        { from: options.from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html },
        { idempotencyKey: mail.id, signal: AbortSignal.timeout(options.timeoutMs ?? 15_000) },
      );
      if (!error) return;
      const description = `Resend ${error.statusCode ?? 'unreachable'} ${error.name}: ${error.message}`;
      if (error.statusCode !== null && PERMANENT_STATUSES.has(error.statusCode)) {
        throw new PermanentMailError(description);
      }
      throw new Error(description);
    },
  };
}
