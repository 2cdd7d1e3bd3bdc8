import type { FastifyBaseLogger } from 'fastify';
import type { ApiConfig } from '../config.js';
import type { MailSender } from './mail-sender.js';
import { resendMailSender } from './resend-mail-sender.js';

/**
 * The dev mailbox's sender: logs who gets what subject — never the body, which holds the secret link —
 * and the mail stays readable at /api/dev/mailbox (where DEV_MAILBOX is on) straight from the queue.
 */
export const devLogMailSender = (logger: FastifyBaseLogger): MailSender => ({
  name: 'dev-log',
  async send(mail) {
    logger.info({ to: mail.to, subject: mail.subject, mailId: mail.id }, 'mail (dev mailbox)');
  },
});

/** Resend when RESEND_API_KEY is set; otherwise the dev mailbox. */
export function createMailSender(config: ApiConfig, logger: FastifyBaseLogger): MailSender {
  if (config.RESEND_API_KEY) {
    return resendMailSender({
      apiKey: config.RESEND_API_KEY,
      baseUrl: config.RESEND_BASE_URL,
      from: config.MAIL_FROM,
    });
  }
  return devLogMailSender(logger.child({ component: 'mail' }));
}
