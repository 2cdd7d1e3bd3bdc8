import type { ApiEventName, ErrorCode, ServerEventPayload } from '@livechat/protocol';

/** One event to emit to one or more Socket.IO rooms (user, room or session channels). */
export type EmitOperation = {
  [N in ApiEventName]: { kind: 'emit'; to: string[]; event: N; payload: ServerEventPayload<N> };
}[ApiEventName];

/**
 * What the API asks of the sockets, recorded in the outbox with the change that causes it. Each maps to one
 * Socket.IO broadcast operator, which the adapter carries to every gateway replica.
 */
export type OutboxOperation =
  | EmitOperation
  /** `in(channel).socketsJoin(rooms)`: e.g. a user's sockets join a room they were added to. */
  | { kind: 'join'; channel: string; rooms: string[] }
  /** `in(channel).socketsLeave(rooms)`. */
  | { kind: 'leave'; channel: string; rooms: string[] }
  /** Tell the sockets why, then `in(channel).disconnectSockets(true)`: revoked sessions. */
  | { kind: 'disconnect'; channel: string; code: ErrorCode; message: string };

/** Builds an emit operation with the payload type checked against the event name. */
export const emit = <N extends ApiEventName>(
  to: string[],
  event: N,
  payload: ServerEventPayload<N>,
): OutboxOperation => ({ kind: 'emit', to, event, payload }) as OutboxOperation;
