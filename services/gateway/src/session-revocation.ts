import type { RevokedSessions } from '@livechat/server-kit';
import type { GatewayMetrics } from './gateway-metrics.js';
import { closeSocket } from './close-socket.js';
import type { GatewaySocket } from './socket-types.js';

/** What a revoked session is told: at handshake, on `auth:refresh` and when its socket is closed. */
export const SESSION_REVOKED_MESSAGE = 'This session has ended; sign in again';

/**
 * Closes a socket whose session was revoked. The API's outbox `disconnect` operation normally closes
 * such sockets at once (with the reason of the revocation); this check is the backstop for a socket that
 * missed it — one admitted while the revocation was committing, whose session channel was not yet
 * subscribed when the disconnect went by, or a replica cut off from Redis at that moment. Checked by the
 * socket sweep (one visit per socket per `SOCKET_SWEEP_MS`, a Map lookup) rather than by listening to
 * revocations: the sweep already visits every socket, so this costs no index of sockets by session and
 * no second subscription, at the price of being up to one sweep interval late. Returns whether it closed.
 */
export function closeIfSessionRevoked(
  socket: GatewaySocket,
  revokedSessions: RevokedSessions,
  metrics: GatewayMetrics,
): boolean {
  if (!revokedSessions.has(socket.data.sessionId)) return false;
  metrics.cutOff('session_revoked');
  closeSocket(socket, 'unauthenticated', SESSION_REVOKED_MESSAGE);
  return true;
}
