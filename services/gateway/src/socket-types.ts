import type { Server, Socket } from 'socket.io';
import type { ServerToClientEvents } from '@livechat/protocol';

/** What the gateway knows about a connected socket, set at handshake and replaced by in-band refresh. */
export interface SocketData {
  userId: string;
  /** Refresh-token family of the token: the socket sits in that session's channel, for "log out this device". */
  sessionId: string;
  /** When the token expires (epoch ms; a number, not a Date: one object less per socket). */
  expiresAtMs: number;
  /** Shown in typing indicators: the token's `name` claim (so a rename shows with the next token). */
  displayName: string;
  /** Events refused `rate_limited` in a row (client-events/dispatcher.ts); unset until the first. */
  refusedInARow?: number;
}

// Client events are not declared to Socket.IO: one `onAny` dispatcher validates every incoming event
// against the protocol itself (client-events/dispatcher.ts), so unknown names are answered, not ignored.
type NoEvents = Record<string, never>;

export type GatewayServer = Server<NoEvents, ServerToClientEvents, NoEvents, SocketData>;
export type GatewaySocket = Socket<NoEvents, ServerToClientEvents, NoEvents, SocketData>;
