import fp from 'fastify-plugin';
import type { MailSender } from './mail-sender.js';
import { MailRequestQueue } from './mail-request-queue.js';
import { MailWorker } from './mail-worker.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Sends queued mail; `kick()` it after a transaction that called `queueMail` commits. */
    mailWorker: MailWorker;
    /** Mail work that must stay off the request path (mail-request-queue.ts): enqueue, answer, done. */
    mailRequests: MailRequestQueue;
  }
}

/**
 * Runs the mail worker while the server runs: started when ready, stopped (mid-batch if need be) on
 * close, after the mail requests still waiting have queued their mail.
 */
export default fp<{ sender: MailSender }>(
  async (app, { sender }) => {
    const worker = new MailWorker({
      db: app.db,
      sender,
      logger: app.log.child({ component: 'mail-worker' }),
      retryBaseMs: app.config.MAIL_RETRY_BASE_MS,
    });
    const requests = new MailRequestQueue({ logger: app.log.child({ component: 'mail-requests' }) });
    app.decorate('mailWorker', worker);
    app.decorate('mailRequests', requests);
    app.addHook('onReady', async () => worker.start());
    app.addHook('onClose', async () => {
      await requests.idle();
      await worker.stop();
    });
  },
  { name: 'mail', dependencies: ['api-context'] },
);
