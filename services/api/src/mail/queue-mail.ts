import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import type { ComposedMail } from './compose-mail.js';

/**
 * Queues a mail in the transaction of the action that causes it: both commit or neither does. The mail
 * worker sends it (right after the commit when kicked, or on its next poll, e.g. after a crash).
 */
export async function queueMail(
  trx: Transaction<Database>,
  mail: ComposedMail & { to: string },
): Promise<string> {
  const row = await trx
    .insertInto('mail_outbox')
    .values({ to_address: mail.to, subject: mail.subject, text_body: mail.text, html_body: mail.html })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
