import type { FastifyInstance } from 'fastify';
import { defineRoute } from './define-route.js';

/**
 * Registered on every server, unlike the mailbox itself: the web app asks here whether to offer the dev
 * mailbox, where probing the mailbox would log a 404 on every signed-out page load of a production deployment.
 */
export default async function devMailboxStatusRoute(app: FastifyInstance): Promise<void> {
  const status = { enabled: app.config.DEV_MAILBOX };
  defineRoute(app, 'devMailboxStatus', async () => status);
}
