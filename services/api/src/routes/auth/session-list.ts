import type { FastifyInstance } from 'fastify';
import { activeSessions } from '../../auth/active-sessions.js';
import { endSession } from '../../auth/end-session.js';
import { clearRefreshCookie } from '../../auth/refresh-cookie.js';
import { ApiError } from '../../errors.js';
import { defineRoute } from '../define-route.js';

/**
 * A person's signed-in devices, and ending any one of them (ASVS 7.5.2). Ending one is logging out there:
 * the same revocation, socket disconnect and revoked-session entry as logout (src/auth/end-session.ts).
 * Both are access-token routes, so no cookie is involved and no Origin check is needed (a cross-site page
 * cannot attach the Authorization header).
 */
export default async function sessionListRoutes(app: FastifyInstance): Promise<void> {
  const limits = { preHandler: app.rateLimits.auth };

  defineRoute(
    app,
    'listSessions',
    async ({ auth }) => ({ sessions: await activeSessions(app.db, auth.userId, auth.sessionId) }),
    limits,
  );

  defineRoute(
    app,
    'endSession',
    async ({ auth, params, reply }) => {
      const ended = await app.transact((trx, outbox) =>
        endSession(trx, outbox, params.id, 'You were signed out from another device', auth.userId),
      );
      // Someone else's session, an ended one and one that never was all look the same: no such session.
      if (!ended) throw new ApiError('not_found', 'No such session');
      await app.revokedSessions.revoke([params.id]);
      // Ending this device's own session from the list is a logout: the browser drops its cookie too.
      if (params.id === auth.sessionId) clearRefreshCookie(reply, app.config);
      return { ok: true };
    },
    limits,
  );
}
