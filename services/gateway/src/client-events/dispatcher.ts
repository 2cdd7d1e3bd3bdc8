import type { FastifyBaseLogger as Logger } from 'fastify';
import type { AckError, ClientEventName, ErrorCode } from '@livechat/protocol';
import { closeSocket } from '../close-socket.js';
import type { ClientQuotas } from '../client-quotas.js';
import type { GatewayMetrics } from '../gateway-metrics.js';
import type { GatewaySocket } from '../socket-types.js';
import { authRefresh } from './auth-refresh.js';
import type { ClientEventContext, ClientEventHandler } from './client-event-handler.js';
import { EventRefused } from './event-refused.js';
import { isClientEvent, payloadProblem } from './event-validators.js';
import { presenceQuery } from './presence-query.js';
import { typingStart } from './typing-start.js';

const HANDLERS: { [N in ClientEventName]: ClientEventHandler<N> } = {
  'auth:refresh': authRefresh,
  'typing:start': typingStart,
  'presence:query': presenceQuery,
};

export interface DispatchOptions {
  /** The event budget, per user (shared by their sockets on this replica). */
  quotas: ClientQuotas;
  /** Refusals in a row after which a socket that keeps sending is cut off. */
  eventsPer10s: number;
  metrics: GatewayMetrics;
  logger: Logger;
}

type Acknowledge = (result: unknown) => void;

/** What `socket.onAny` is given: called with the socket as `this` (Socket.IO applies it so). */
export type ClientEventListener = (this: GatewaySocket, event: string, ...args: unknown[]) => void;

/**
 * Every event a client sends goes through here: the user's event budget, known name, payload validated against the
 * protocol, then its handler; the answer is an acknowledgement when the client asked for one. Nothing a
 * client sends can throw out of this function. A client that keeps sending after being told
 * `rate_limited` (a bucket's worth of refusals in a row) is disconnected.
 *
 * One listener for every socket of the gateway, which reads its socket from `this`: a closure per socket
 * (with its own context, and under tsx a `name` property that sends each function's properties into
 * dictionary mode) cost ~0.4 KiB per idle connection in issue 7's heap snapshots.
 */
export function clientEventDispatcher(
  context: ClientEventContext,
  options: DispatchOptions,
): ClientEventListener {
  return function dispatch(event, ...args) {
    handle(this, event, args).catch((error: unknown) =>
      options.logger.error({ err: error, socket: this.id }, 'client event dispatch failed'),
    );
  };

  async function handle(socket: GatewaySocket, event: string, args: unknown[]) {
    options.metrics.eventIn(event);
    const ack = typeof args.at(-1) === 'function' ? (args.pop() as Acknowledge) : undefined;
    const refuse = (code: ErrorCode, message: string) => {
      options.metrics.rejected(code);
      const error: AckError = { code, message };
      ack?.({ ok: false, error });
    };

    if (!options.quotas.spend(socket.data.userId, event)) {
      refuse('rate_limited', 'Too many events; slow down');
      socket.data.refusedInARow = (socket.data.refusedInARow ?? 0) + 1;
      if (socket.data.refusedInARow === options.eventsPer10s) {
        options.metrics.cutOff('flood');
        options.logger.warn({ socket: socket.id, userId: socket.data.userId }, 'flooding socket cut off');
        closeSocket(socket, 'rate_limited', 'Too many events; disconnected');
      }
      return;
    }
    socket.data.refusedInARow = 0;
    if (!isClientEvent(event)) return refuse('bad_request', `Unknown event "${event.slice(0, 64)}"`);
    if (args.length !== 1) return refuse('validation_failed', `"${event}" takes exactly one payload`);
    const problem = payloadProblem(event, args[0]);
    if (problem) return refuse('validation_failed', problem);

    try {
      const handler = HANDLERS[event] as ClientEventHandler<typeof event>;
      const data = await handler(socket, args[0] as never, context);
      ack?.({ ok: true, data });
    } catch (error) {
      if (error instanceof EventRefused) return refuse(error.code, error.message);
      options.logger.error({ err: error, event, socket: socket.id }, 'client event failed');
      refuse('internal', 'Something went wrong on our side; try again');
    }
  }
}
