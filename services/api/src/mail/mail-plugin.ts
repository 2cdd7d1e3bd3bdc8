import fp from 'fastify-plugin';
import type { MailSender } from './mail-sender.js';
import { MailWorker } from './mail-worker.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Sends queued mail; `kick()` it after a transaction that called `queueMail` commits. */
    mailWorker: MailWorker;
  }
}

/** Runs the mail worker while the server runs: started when ready, stopped (mid-batch if need be) on close. */
export default fp<{ sender: MailSender }>(
  async (app, { sender }) => {
    const worker = new MailWorker({
      db: app.db,
      sender,
      logger: app.log.child({ component: 'mail-worker' }),
      retryBaseMs: app.config.MAIL_RETRY_BASE_MS,
    });
    app.decorate('mailWorker', worker);
    app.addHook('onReady', async () => worker.start());
    app.addHook('onClose', async () => worker.stop());
  },
  { name: 'mail', dependencies: ['api-context'] },
);
