import { AccessTokenError } from '@livechat/access-token';
import { sessionChannel } from '@livechat/protocol';
import type { ClientEventHandler } from './client-event-handler.js';
import { SESSION_REVOKED_MESSAGE } from '../session-revocation.js';
import { EventRefused } from './event-refused.js';

/**
 * `auth:refresh`: replaces the socket's token without reconnecting. The new token must verify and belong
 * to the same user and to a session that was not revoked; the socket's expiry and display name move to the new token's. A token from a new session (the user
 * signed in again in this tab) moves the socket to that session's channel, so "log out that device"
 * reaches it.
 */
export const authRefresh: ClientEventHandler<'auth:refresh'> = async (socket, { token }, context) => {
  const verified = await context.verifyToken(token).catch((error: unknown) => {
    if (error instanceof AccessTokenError) throw new EventRefused(error.code, error.message);
    throw error;
  });
  if (context.revokedSessions.has(verified.sessionId))
    throw new EventRefused('unauthenticated', SESSION_REVOKED_MESSAGE);
  if (verified.userId !== socket.data.userId)
    throw new EventRefused('forbidden', 'That token belongs to another user; reconnect to switch users');
  if (verified.sessionId !== socket.data.sessionId) {
    await socket.leave(sessionChannel(socket.data.sessionId));
    await socket.join(sessionChannel(verified.sessionId));
    socket.data.sessionId = verified.sessionId;
  }
  // The socket sweep reads the new expiry; typing indicators show the name as of this token.
  socket.data.expiresAtMs = verified.expiresAt.getTime();
  socket.data.displayName = verified.displayName;
  return { expiresAt: verified.expiresAt.toISOString() };
};
