import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TokenResponse } from '@livechat/protocol';
import type { UserRow } from '../db/schema.js';
import { toSessionUser } from '../users/session-user.js';
import { setRefreshCookie } from './refresh-cookie.js';
import type { SessionToken } from './refresh-sessions.js';

/**
 * The answer of login and refresh: a fresh access token for the session (its `sid` is the refresh
 * family, its `ev` the address's state right now — so a refresh after verifying unlocks the app) in the
 * body, and the session's new refresh token in the cookie.
 */
export async function sessionResponse(
  app: FastifyInstance,
  reply: FastifyReply,
  user: UserRow,
  session: SessionToken,
): Promise<TokenResponse> {
  const access = await app.tokens.sign({
    userId: user.id,
    sessionId: session.familyId,
    emailVerified: user.email_verified_at !== null,
    displayName: user.display_name,
  });
  setRefreshCookie(reply, session.token, app.config);
  return { accessToken: access.token, expiresAt: access.expiresAt.toISOString(), user: toSessionUser(user) };
}
