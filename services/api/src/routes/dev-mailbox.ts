import type { FastifyInstance } from 'fastify';
import { normalizeEmail } from '../users/normalize-email.js';
import { defineRoute } from './define-route.js';

const MAILBOX_SIZE = 50;

/**
 * The dev mailbox: mails straight from the Postgres queue, newest first, so it works with any number of
 * API replicas. Registered only with DEV_MAILBOX=true (routes/index.ts), which production never sets:
 * it shows everyone's secret links.
 */
export default async function devMailboxRoutes(app: FastifyInstance): Promise<void> {
  defineRoute(app, 'devMailbox', async ({ query }) => {
    let select = app.db
      .selectFrom('mail_outbox')
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(MAILBOX_SIZE);
    if (query.to) select = select.where('to_address', '=', normalizeEmail(query.to));
    const rows = await select.execute();
    return {
      mails: rows.map((row) => ({
        id: row.id,
        to: row.to_address,
        subject: row.subject,
        text: row.text_body,
        html: row.html_body,
        createdAt: row.created_at.toISOString(),
        sentAt: row.sent_at?.toISOString() ?? null,
      })),
    };
  });
}
