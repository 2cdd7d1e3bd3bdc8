import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { sessionChannel, userChannel } from '@livechat/protocol';
import { consumeEmailToken, withdrawEmailTokens } from '../../auth/email-tokens.js';
import { enqueueTokenLinkMail } from '../../auth/mail-token-link.js';
import { hashPassword, verifyPassword } from '../../auth/password.js';
import { requireStrongPassword } from '../../auth/password-policy.js';
import { revokeUserSessions } from '../../auth/refresh-sessions.js';
import { disconnectSessions } from '../../auth/session-disconnect.js';
import { ApiError } from '../../errors.js';
import { passwordChangedMail, passwordResetMail } from '../../mail/auth-mails.js';
import { queueMail } from '../../mail/queue-mail.js';
import { normalizeEmail } from '../../users/normalize-email.js';
import { requireUser } from '../../users/session-user.js';
import { defineRoute } from '../define-route.js';

export default async function passwordRoutes(app: FastifyInstance): Promise<void> {
  const { config } = app;
  const limits = { preHandler: app.rateLimits.auth };

  defineRoute(
    app,
    'forgotPassword',
    async ({ body }) => {
      // Earlier links stay valid until used or expired (the first mail may be the one that arrives);
      // using any of them withdraws the rest.
      enqueueTokenLinkMail(app, normalizeEmail(body.email), {
        purpose: 'reset_password',
        eligible: () => true,
        withdrawOlder: false,
        compose: (user, token) =>
          passwordResetMail({
            publicUrl: config.PUBLIC_URL,
            displayName: user.display_name,
            token,
            ttlSeconds: config.EMAIL_TOKEN_TTL_SECONDS,
          }),
      });
      return {
        status: 'accepted',
        message: 'If that address has an account, a link to reset its password is on its way.',
      };
    },
    limits,
  );

  /**
   * A reset ends every session (whoever knew the old password is out, sockets included) and marks the
   * address verified: following the link proved the caller reads that mailbox.
   */
  defineRoute(
    app,
    'resetPassword',
    async ({ body }) => {
      const passwordHash = await hashPassword(body.password);
      const ended = await app.transact(async (trx, outbox) => {
        const userId = await consumeEmailToken(trx, body.token, 'reset_password');
        if (!userId) return null;
        const owner = await trx
          .selectFrom('users')
          .select(['email', 'display_name as displayName'])
          .where('id', '=', userId)
          .executeTakeFirstOrThrow();
        // Refused inside the transaction: the link is not spent, so the person can pick another.
        requireStrongPassword(body.password, 'body.password', owner);
        const user = await trx
          .updateTable('users')
          .set({
            password_hash: passwordHash,
            email_verified_at: sql<Date>`coalesce(email_verified_at, now())`,
          })
          .where('id', '=', userId)
          .returning(['email', 'display_name'])
          .executeTakeFirstOrThrow();
        await withdrawEmailTokens(trx, userId, 'reset_password');
        const families = await revokeUserSessions(trx, userId);
        await outbox.record(
          disconnectSessions(userChannel(userId), 'Your password was reset; sign in with the new one'),
        );
        const mail = passwordChangedMail({ publicUrl: config.PUBLIC_URL, displayName: user.display_name });
        await queueMail(trx, { to: user.email, ...mail });
        return families;
      });
      if (!ended) {
        throw new ApiError(
          'invalid_token',
          'This reset link is invalid, has expired or was already used. Ask for a new one.',
        );
      }
      await app.revokedSessions.revoke(ended);
      app.mailWorker.kick();
      return { ok: true };
    },
    limits,
  );

  /**
   * Needs the current password: a wrong one is 403 `forbidden`, not 401 — the caller's session is fine,
   * and a 401 would send clients into their "refresh or sign out" path. Other sessions end (a thief who
   * knew the old password is out); this one stays signed in.
   */
  defineRoute(
    app,
    'changePassword',
    async ({ auth, body }) => {
      const user = await requireUser(app.db, auth.userId);
      if (!(await verifyPassword(user.password_hash, body.currentPassword))) {
        throw new ApiError('forbidden', 'Your current password is not correct');
      }
      requireStrongPassword(body.newPassword, 'body.newPassword', {
        email: user.email,
        displayName: user.display_name,
      });
      const passwordHash = await hashPassword(body.newPassword);
      const ended = await app.transact(async (trx, outbox) => {
        await trx
          .updateTable('users')
          .set({ password_hash: passwordHash })
          .where('id', '=', user.id)
          .execute();
        // An outstanding reset link would let its holder undo the change.
        await withdrawEmailTokens(trx, user.id, 'reset_password');
        const families = await revokeUserSessions(trx, user.id, auth.sessionId);
        await outbox.record(
          ...families.map((familyId) =>
            disconnectSessions(
              sessionChannel(familyId),
              'Your password was changed on another device; sign in again',
            ),
          ),
        );
        const mail = passwordChangedMail({ publicUrl: config.PUBLIC_URL, displayName: user.display_name });
        await queueMail(trx, { to: user.email, ...mail });
        return families;
      });
      await app.revokedSessions.revoke(ended);
      app.mailWorker.kick();
      return { ok: true };
    },
    limits,
  );
}
