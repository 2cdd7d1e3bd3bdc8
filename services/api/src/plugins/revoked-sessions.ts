import fp from 'fastify-plugin';
import type { RevokedSessions } from '@livechat/server-kit';
import { recentlyRevokedSessions } from '../auth/refresh-sessions.js';

/**
 * A session may be issued an access token a moment after its revocation commits (a refresh that held the
 * family's row lock signs after its own commit): entries outlive the access-token lifetime by this much.
 */
const ISSUE_MARGIN_SECONDS = 30;

/**
 * How often each replica checks that the shared list is whole (one ZSCORE): within this, a list lost in
 * Redis (restart, eviction, deleted key) is rebuilt from Postgres for replicas that start meanwhile.
 */
export const REVOKED_SESSIONS_CHECK_MS = 2000;

export interface SessionRevocations {
  /** Whether the access token's session was revoked: O(1), in memory (see server-kit revoked-sessions). */
  has(sessionId: string): boolean;
  /**
   * Refuses these sessions' access tokens on every replica, from now until the longest of them expired.
   * Call after the revocation committed; it resolves once Redis took it (or failed, and a rebuild from
   * Postgres is due), never rejects: the revocation is already the database's truth.
   */
  revoke(sessionIds: string[]): Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    revokedSessions: SessionRevocations;
  }
}

/**
 * The API's side of the revoked-session list: it writes revocations and rebuilds the list from Postgres
 * (which alone records every revocation) at boot, after a write that Redis did not take, and whenever the
 * list in Redis was lost.
 */
export default fp<{ list: RevokedSessions }>(
  async (app, { list }) => {
    const { db, config } = app;
    const windowSeconds = config.ACCESS_TOKEN_TTL_SECONDS + ISSUE_MARGIN_SECONDS;
    let restoreDue = true;

    const restore = async () => {
      const rows = await recentlyRevokedSessions(db, windowSeconds);
      await list.restore(
        rows.map((row) => ({
          sessionId: row.familyId,
          until: new Date(row.revokedAt).getTime() + windowSeconds * 1000,
        })),
        Date.now() + windowSeconds * 1000,
      );
      restoreDue = false;
    };
    const check = async () => {
      if (restoreDue || !(await list.isComplete())) await restore();
    };
    let checking = false;
    const timer = setInterval(() => {
      if (checking) return;
      checking = true;
      check()
        .catch((error: unknown) => app.log.warn({ err: error }, 'could not rebuild the revoked sessions'))
        .finally(() => (checking = false));
    }, REVOKED_SESSIONS_CHECK_MS);
    timer.unref();

    app.decorate('revokedSessions', {
      has: (sessionId: string) => list.has(sessionId),
      async revoke(sessionIds: string[]) {
        try {
          await list.revoke(sessionIds, Date.now() + windowSeconds * 1000);
        } catch (error) {
          // This replica refuses them already; the others learn them from the rebuild.
          restoreDue = true;
          app.log.warn({ err: error }, 'revoked sessions not shared yet; rebuilding from Postgres');
        }
      },
    });
    // Before the first request: a restarted process must refuse what was revoked before it started. If
    // Redis is down, the local copy is filled all the same and the shared one is rebuilt later.
    app.addHook('onReady', async () => {
      await restore().catch((error: unknown) =>
        app.log.warn({ err: error }, 'revoked sessions restored here only; Redis will be rebuilt'),
      );
    });
    app.addHook('onClose', async () => clearInterval(timer));
  },
  { name: 'revoked-sessions', dependencies: ['api-context'] },
);
