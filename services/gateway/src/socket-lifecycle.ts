import type { FastifyBaseLogger as Logger } from 'fastify';
import { ApiRequestError } from '@livechat/client';
import type { HandshakeAuth } from '@livechat/protocol';
import type { ClientEventContext } from './client-events/client-event-handler.js';
import type { ClientQuotas } from './client-quotas.js';
import { clientEventDispatcher } from './client-events/dispatcher.js';
import { closeSocket } from './close-socket.js';
import type { GatewayConfig } from './config.js';
import { releaseHandshakeRequest } from './upgrade-request-release.js';
import type { GatewayMetrics } from './gateway-metrics.js';
import type { PresenceTracker } from './presence/presence-tracker.js';
import { roomIdsOf, subscribeToRooms } from './room-subscriptions.js';
import type { SessionLoadGate } from './session-load-gate.js';
import type { SessionSource } from './session-source.js';
import type { GatewaySocket } from './socket-types.js';

export interface LifecycleDependencies {
  config: GatewayConfig;
  context: ClientEventContext;
  quotas: ClientQuotas;
  loadSession: SessionSource;
  sessionLoads: SessionLoadGate;
  tracker: PresenceTracker;
  metrics: GatewayMetrics;
  logger: Logger;
}

/**
 * A socket admitted by the handshake: listen to its events, subscribe it to its rooms, then say `ready`
 * and count it present; on its way out, update presence. Deliberately light: a socket costs what a bare
 * Socket.IO socket costs plus its data and two listeners — the same two functions for every socket,
 * which find theirs in `this`, not a closure each — token expiry and slow consumers are checked by one
 * sweep over all sockets (socket-sweep.ts), and outgoing events are counted per broadcast
 * (broadcast-metrics.ts), not per socket.
 */
export function socketLifecycle(deps: LifecycleDependencies): (socket: GatewaySocket) => void {
  const dispatch = clientEventDispatcher(deps.context, {
    quotas: deps.quotas,
    eventsPer10s: deps.config.SOCKET_EVENTS_PER_10S,
    metrics: deps.metrics,
    logger: deps.logger,
  });
  const { tracker } = deps;
  function onDisconnecting(this: GatewaySocket) {
    tracker.socketClosing(this);
  }
  return (socket) => {
    socket.onAny(dispatch);
    socket.on('disconnecting', onDisconnecting);
    onConnection(socket, deps);
  };
}

function onConnection(socket: GatewaySocket, deps: LifecycleDependencies): void {
  const { metrics, tracker } = deps;
  const { token } = socket.handshake.auth as HandshakeAuth;
  // The token is needed once, for the rooms; later tokens arrive in-band. Don't keep it per socket.
  socket.handshake.auth = {};
  releaseHandshakeRequest(socket);

  subscribeToRooms(socket, token, deps.loadSession)
    .finally(() => deps.sessionLoads.leave(socket.id))
    .then(
      (subscribed) => {
        if (!subscribed) return;
        socket.emit('ready', { rooms: roomIdsOf(socket).length });
        tracker.socketReady(socket);
      },
      (error: unknown) => {
        metrics.cutOff('rooms_unavailable');
        if (error instanceof ApiRequestError && error.status < 500) {
          closeSocket(socket, error.code, error.message);
          return;
        }
        deps.logger.warn({ err: error, userId: socket.data.userId }, 'could not load the rooms of a socket');
        closeSocket(socket, 'unavailable', 'Could not load your rooms; reconnect in a moment', {
          retryAfterMs: deps.sessionLoads.retryAfterMs,
        });
      },
    );
}
