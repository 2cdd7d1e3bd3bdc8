import type { FastifyInstance } from 'fastify';
import type { UserRow } from '../db/schema.js';
import type { ComposedMail } from '../mail/compose-mail.js';
import { queueMail } from '../mail/queue-mail.js';
import { issueEmailToken, withdrawEmailTokens, type EmailTokenPurpose } from './email-tokens.js';

export interface TokenLinkMail {
  purpose: EmailTokenPurpose;
  /** Whether this account should get the mail at all (e.g. not a verification link for a verified one). */
  eligible: (user: UserRow) => boolean;
  /** Withdraw the account's older links of this purpose, so only the newest works. */
  withdrawOlder: boolean;
  compose: (user: UserRow, token: string) => ComposedMail;
}

/**
 * Mails a link with a fresh single-use token if `email` belongs to an account that should get one, and
 * does nothing otherwise. Enqueued, never awaited by a route: the caller answers the same, in the same
 * time, either way, so nobody learns who has an account (see mail-request-queue.ts).
 */
export function enqueueTokenLinkMail(app: FastifyInstance, email: string, mail: TokenLinkMail): void {
  app.mailRequests.enqueue(mail.purpose, () => mailTokenLink(app, email, mail));
}

async function mailTokenLink(app: FastifyInstance, email: string, mail: TokenLinkMail): Promise<void> {
  const queued = await app.db.transaction().execute(async (trx) => {
    const user = await trx
      .selectFrom('users')
      .selectAll()
      .where('email', '=', email)
      .forUpdate()
      .executeTakeFirst();
    if (!user || !mail.eligible(user)) return false;
    if (mail.withdrawOlder) await withdrawEmailTokens(trx, user.id, mail.purpose);
    const token = await issueEmailToken(trx, user.id, mail.purpose, app.config.EMAIL_TOKEN_TTL_SECONDS);
    await queueMail(trx, { to: user.email, ...mail.compose(user, token) });
    return true;
  });
  if (queued) app.mailWorker.kick();
}
