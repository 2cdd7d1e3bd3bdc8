import { normalizeName } from '@livechat/protocol';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { consumeEmailToken, issueEmailToken } from '../../auth/email-tokens.js';
import { enqueueTokenLinkMail } from '../../auth/mail-token-link.js';
import { hashPassword } from '../../auth/password.js';
import { requireStrongPassword } from '../../auth/password-policy.js';
import { ApiError } from '../../errors.js';
import { accountExistsMail, verificationMail } from '../../mail/auth-mails.js';
import { queueMail } from '../../mail/queue-mail.js';
import { normalizeEmail } from '../../users/normalize-email.js';
import { defineRoute } from '../define-route.js';

export default async function registrationRoutes(app: FastifyInstance): Promise<void> {
  const { config } = app;
  const limits = { preHandler: app.rateLimits.auth };

  defineRoute(
    app,
    'register',
    async ({ body }) => {
      const email = normalizeEmail(body.email);
      // Judged on the body alone, so the answer says nothing about whether the address has an account.
      requireStrongPassword(body.password, 'body.password', body);
      // Hashed even when the address is taken, so both answers cost the same time.
      const passwordHash = await hashPassword(body.password);
      await app.db.transaction().execute(async (trx) => {
        const created = await trx
          .insertInto('users')
          .values({ email, display_name: normalizeName(body.displayName), password_hash: passwordHash })
          .onConflict((conflict) => conflict.column('email').doNothing())
          .returning(['id', 'display_name'])
          .executeTakeFirst();
        if (!created) {
          // The owner hears of the attempt; the caller gets the same answer as for a new address.
          await queueMail(trx, { to: email, ...accountExistsMail({ publicUrl: config.PUBLIC_URL }) });
          return;
        }
        const ttlSeconds = config.EMAIL_TOKEN_TTL_SECONDS;
        const token = await issueEmailToken(trx, created.id, 'verify_email', ttlSeconds);
        const mail = verificationMail({
          publicUrl: config.PUBLIC_URL,
          displayName: created.display_name,
          token,
          ttlSeconds,
        });
        await queueMail(trx, { to: email, ...mail });
      });
      app.mailWorker.kick();
      return {
        status: 'accepted',
        message: 'Check your inbox: we have sent a mail to that address with the next step.',
      };
    },
    limits,
  );

  defineRoute(
    app,
    'verifyEmail',
    async ({ body }) => {
      await app.db.transaction().execute(async (trx) => {
        const userId = await consumeEmailToken(trx, body.token, 'verify_email');
        if (!userId) {
          throw new ApiError(
            'invalid_token',
            'This verification link is invalid, has expired or was already used. Sign in and ask for a new one.',
          );
        }
        await trx
          .updateTable('users')
          .set({ email_verified_at: sql<Date>`coalesce(email_verified_at, now())` })
          .where('id', '=', userId)
          .execute();
      });
      return { ok: true };
    },
    limits,
  );

  defineRoute(
    app,
    'resendVerification',
    async ({ body }) => {
      enqueueTokenLinkMail(app, normalizeEmail(body.email), {
        purpose: 'verify_email',
        eligible: (user) => user.email_verified_at === null,
        withdrawOlder: true,
        compose: (user, token) =>
          verificationMail({
            publicUrl: config.PUBLIC_URL,
            displayName: user.display_name,
            token,
            ttlSeconds: config.EMAIL_TOKEN_TTL_SECONDS,
          }),
      });
      return {
        status: 'accepted',
        message: 'If that address has an account waiting for verification, a new link is on its way.',
      };
    },
    limits,
  );
}
