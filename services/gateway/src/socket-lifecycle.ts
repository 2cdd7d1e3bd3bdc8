import type { FastifyBaseLogger as Logger } from 'fastify';
import { ApiRequestError } from '@livechat/client';
import type { HandshakeAuth, MessageNewEvent } from '@livechat/protocol';
import type { ClientEventContext } from './client-events/client-event-handler.js';
import { dispatchClientEvents } from './client-events/dispatcher.js';
import { closeSocket } from './close-socket.js';
import type { GatewayConfig } from './config.js';
import type { GatewayMetrics } from './gateway-metrics.js';
import type { PresenceTracker } from './presence/presence-tracker.js';
import { roomIdsOf, subscribeToRooms } from './room-subscriptions.js';
import type { SessionSource } from './session-source.js';
import { guardSlowConsumer } from './slow-consumer-guard.js';
import type { GatewaySocket } from './socket-types.js';

export interface LifecycleDependencies {
  config: GatewayConfig;
  context: ClientEventContext;
  loadSession: SessionSource;
  tracker: PresenceTracker;
  metrics: GatewayMetrics;
  logger: Logger;
}

/**
 * A socket admitted by the handshake: protect and instrument it, subscribe it to its rooms, then say
 * `ready` and count it present; on its way out, update presence and drop its timer.
 */
export function onConnection(socket: GatewaySocket, deps: LifecycleDependencies): void {
  const { config, context, metrics, tracker } = deps;
  const { token } = socket.handshake.auth as HandshakeAuth;
  context.expiry.schedule(socket);
  guardSlowConsumer(socket, config.SOCKET_MAX_BUFFERED_BYTES, metrics, deps.logger);
  dispatchClientEvents(socket, context, {
    eventsPer10s: config.SOCKET_EVENTS_PER_10S,
    metrics,
    logger: deps.logger,
  });
  socket.onAnyOutgoing((event: string, payload: unknown) => {
    metrics.eventOut(event);
    if (event === 'message:new') metrics.deliveredMessage((payload as MessageNewEvent).message.createdAt);
  });
  socket.on('disconnecting', () => tracker.socketClosing(socket));
  socket.on('disconnect', () => context.expiry.clear(socket));

  subscribeToRooms(socket, token, deps.loadSession).then(
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
      closeSocket(socket, 'unavailable', 'Could not load your rooms; reconnect in a moment');
    },
  );
}
