import type { GatewayMetrics } from './gateway-metrics.js';
import { closeSocket } from './close-socket.js';
import type { GatewaySocket } from './socket-types.js';

/**
 * A socket whose token lapsed without an in-band refresh is told `token_expired` and disconnected.
 * Checked by the periodic socket sweep (socket-sweep.ts), not by a timer per socket: ten thousand
 * timers cost memory and timer-list work for an event that a one-second-late check handles as well.
 * An in-band refresh simply moves `socket.data.expiresAtMs`. Returns whether the socket was closed.
 */
export function closeIfTokenLapsed(socket: GatewaySocket, now: number, metrics: GatewayMetrics): boolean {
  if (socket.data.expiresAtMs > now) return false;
  metrics.cutOff('token_expired');
  closeSocket(socket, 'token_expired', 'Your access token expired; refresh it and reconnect');
  return true;
}
