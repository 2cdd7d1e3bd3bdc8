import type { VerifyAccessToken } from '@livechat/access-token';
import type { RevokedSessions } from '@livechat/server-kit';
import type { ClientEventName, ClientEventPayload, ClientToServerEvents } from '@livechat/protocol';
import type { PresenceStore } from '../presence/presence-store.js';
import type { GatewayServer, GatewaySocket } from '../socket-types.js';
import type { TypingThrottle } from './typing-throttle.js';

/** What handlers of client events may use. */
export interface ClientEventContext {
  io: GatewayServer;
  verifyToken: VerifyAccessToken;
  revokedSessions: RevokedSessions;
  presence: PresenceStore;
  typing: TypingThrottle;
}

type AckOf<N extends ClientEventName> = Parameters<Parameters<ClientToServerEvents[N]>[1]>[0];
/** The `data` of a successful acknowledgement of event N, as the protocol types it. */
export type ClientEventResult<N extends ClientEventName> = Extract<AckOf<N>, { ok: true }>['data'];

/** Handles one validated client event; throws `EventRefused` to answer with an error. */
export type ClientEventHandler<N extends ClientEventName> = (
  socket: GatewaySocket,
  payload: ClientEventPayload<N>,
  context: ClientEventContext,
) => Promise<ClientEventResult<N>>;
