import type { FastifyBaseLogger as Logger } from 'fastify';
import type { RevokedSessions } from '@livechat/server-kit';
import type { GatewayMetrics } from './gateway-metrics.js';
import { closeIfSessionRevoked } from './session-revocation.js';
import { cutOffIfSlow } from './slow-consumer-guard.js';
import type { GatewayServer } from './socket-types.js';
import { closeIfTokenLapsed } from './token-expiry.js';

export interface SocketSweepOptions {
  intervalMs: number;
  maxBufferedBytes: number;
  revokedSessions: RevokedSessions;
  metrics: GatewayMetrics;
  logger: Logger;
}

/**
 * One timer per process that visits every local socket: tokens that lapsed, sessions revoked, consumers
 * that stopped reading. A visit is a few property reads, so 10,000 sockets cost well under a millisecond per sweep —
 * instead of a timer and packet hooks per socket. Returns the function that stops the sweep.
 */
export function startSocketSweep(io: GatewayServer, options: SocketSweepOptions): () => void {
  const sweep = () => {
    const now = Date.now();
    for (const socket of io.of('/').sockets.values()) {
      if (closeIfTokenLapsed(socket, now, options.metrics)) continue;
      if (closeIfSessionRevoked(socket, options.revokedSessions, options.metrics)) continue;
      cutOffIfSlow(socket, options.maxBufferedBytes, options.metrics, options.logger);
    }
  };
  const timer = setInterval(sweep, options.intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
