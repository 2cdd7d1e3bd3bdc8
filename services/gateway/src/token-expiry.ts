import type { GatewayMetrics } from './gateway-metrics.js';
import { closeSocket } from './close-socket.js';
import type { GatewaySocket } from './socket-types.js';

// setTimeout's ceiling; access tokens live far shorter (at most a day), but never overflow into "now".
const MAX_DELAY_MS = 2 ** 31 - 1;

/**
 * One timer per socket at its token's expiry: a socket whose token lapses without an in-band refresh is
 * told `token_expired` and disconnected. A refresh reschedules it.
 */
export class TokenExpiry {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly metrics: GatewayMetrics) {}

  schedule(socket: GatewaySocket): void {
    this.clear(socket);
    const delay = Math.min(MAX_DELAY_MS, Math.max(0, socket.data.expiresAt.getTime() - Date.now()));
    const timer = setTimeout(() => {
      this.timers.delete(socket.id);
      this.metrics.cutOff('token_expired');
      closeSocket(socket, 'token_expired', 'Your access token expired; refresh it and reconnect');
    }, delay);
    timer.unref();
    this.timers.set(socket.id, timer);
  }

  clear(socket: GatewaySocket): void {
    clearTimeout(this.timers.get(socket.id));
    this.timers.delete(socket.id);
  }
}
