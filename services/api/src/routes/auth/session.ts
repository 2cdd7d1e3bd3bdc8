import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sessionChannel, userChannel } from '@livechat/protocol';
import { deviceOf } from '../../auth/device-summary.js';
import { endSession } from '../../auth/end-session.js';
import { allowedOrigins } from '../../config.js';
import { originChecker, requireAllowedOrigin } from '../../auth/origin-check.js';
import { decoyPasswordHash, verifyPassword } from '../../auth/password.js';
import { clearRefreshCookie, readRefreshCookie } from '../../auth/refresh-cookie.js';
import {
  revokeUserSessions,
  rotateRefreshToken,
  sessionOfRefreshToken,
  startSession,
} from '../../auth/refresh-sessions.js';
import { disconnectSessions } from '../../auth/session-disconnect.js';
import { sessionResponse } from '../../auth/session-response.js';
import { ApiError, unauthenticated } from '../../errors.js';
import { normalizeEmail } from '../../users/normalize-email.js';
import { defineRoute } from '../define-route.js';

export default async function sessionRoutes(app: FastifyInstance): Promise<void> {
  const { config } = app;
  const limits = { preHandler: app.rateLimits.auth };
  const isAllowedOrigin = originChecker(allowedOrigins(config));
  const sessionLifetime = {
    ttlSeconds: config.REFRESH_TOKEN_TTL_SECONDS,
    maxAgeSeconds: config.SESSION_MAX_AGE_SECONDS,
  };

  defineRoute(
    app,
    'login',
    async ({ body, request, reply }) => {
      await app.loginThrottle.admit(request, body.email);
      const user = await app.db
        .selectFrom('users')
        .selectAll()
        .where('email', '=', normalizeEmail(body.email))
        .executeTakeFirst();
      // An unknown address is checked against a decoy hash: it fails as slowly as a wrong password.
      const passwordHash = user?.password_hash ?? (await decoyPasswordHash());
      const passwordMatches = await verifyPassword(passwordHash, body.password);
      if (!user || !passwordMatches) {
        await app.loginThrottle.failed(request, body.email);
        throw new ApiError('invalid_credentials', 'Wrong email or password');
      }
      await app.loginThrottle.succeeded(request, body.email);
      // A browser that signs in again while it holds a refresh cookie replaces that cookie: the session it
      // belonged to (this account's or another's) ends here, rather than live on unreachable until it
      // lapses (ASVS 7.2.4).
      const heldToken = readRefreshCookie(request, config);
      const { session, replaced } = await app.transact(async (trx, outbox) => {
        const held = heldToken ? await sessionOfRefreshToken(trx, heldToken) : null;
        if (held) {
          await endSession(trx, outbox, held.familyId, 'This browser signed in again; sign in to continue');
        }
        const started = await startSession(trx, user.id, sessionLifetime, deviceOf(request));
        return { session: started, replaced: held?.familyId };
      });
      if (replaced) await app.revokedSessions.revoke([replaced]);
      return sessionResponse(app, reply, user, session);
    },
    { preHandler: app.rateLimits.login },
  );

  defineRoute(
    app,
    'refresh',
    async ({ request, reply }) => {
      requireAllowedOrigin(request, isAllowedOrigin);
      const token = readRefreshCookie(request, config);
      const outcome = token
        ? await app.transact(async (trx, outbox) => {
            const result = await rotateRefreshToken(
              trx,
              token,
              { ...sessionLifetime, graceSeconds: config.REFRESH_REUSE_GRACE_SECONDS },
              deviceOf(request),
            );
            if (result.kind === 'reused') {
              await outbox.record(
                disconnectSessions(
                  sessionChannel(result.familyId),
                  'This session was ended because its sign-in was used from two places; sign in again',
                ),
              );
              return { kind: 'reused' as const, familyId: result.familyId };
            }
            if (result.kind !== 'rotated') return null;
            const user = await trx
              .selectFrom('users')
              .selectAll()
              .where('id', '=', result.userId)
              .executeTakeFirstOrThrow();
            return { kind: 'rotated' as const, user, session: result };
          })
        : null;
      if (outcome?.kind === 'reused') await app.revokedSessions.revoke([outcome.familyId]);
      if (outcome?.kind !== 'rotated') {
        // Committed above (a reused token's family stays revoked); the browser drops the dead cookie.
        clearRefreshCookie(reply, config);
        throw unauthenticated('Your session has ended; sign in again');
      }
      return sessionResponse(app, reply, outcome.user, outcome.session);
    },
    limits,
  );

  /** The session to end: the cookie's, or else the access token's (a client that lost its cookie). */
  async function sessionToEnd(request: FastifyRequest) {
    const token = readRefreshCookie(request, config);
    if (token) return sessionOfRefreshToken(app.db, token);
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (!bearer) return null;
    const verified = await app.tokens.verify(bearer).catch(() => null);
    return verified && { familyId: verified.sessionId, userId: verified.userId };
  }

  defineRoute(
    app,
    'logout',
    async ({ body, request, reply }) => {
      requireAllowedOrigin(request, isAllowedOrigin);
      const session = await sessionToEnd(request);
      clearRefreshCookie(reply, config);
      // Logging out twice, or with a session that already ended, is not an error: the outcome is the same.
      if (!session) return { ok: true };
      const ended = await app.transact(async (trx, outbox) => {
        if (body.everywhere) {
          const families = await revokeUserSessions(trx, session.userId);
          await outbox.record(
            disconnectSessions(userChannel(session.userId), 'You signed out on every device'),
          );
          // The caller's own session too, even if its refresh tokens had all expired already.
          return [...new Set([session.familyId, ...families])];
        }
        await endSession(trx, outbox, session.familyId, 'You signed out');
        return [session.familyId];
      });
      // Its access tokens stop working at once, on every replica (sockets are closed by the outbox).
      await app.revokedSessions.revoke(ended);
      return { ok: true };
    },
    limits,
  );
}
