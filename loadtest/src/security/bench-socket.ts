import {
  PROTOCOL_VERSION,
  type ClientToServerEvents,
  type HandshakeRefusal,
  type ServerToClientEvents,
} from '@livechat/protocol';
import { io, type Socket } from 'socket.io-client';

export type BenchSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * How a handshake ended: `ready` (subscribed to its rooms), refused with the gateway's code, or closed
 * between connecting and `ready` (e.g. its session was revoked just then) with the reason it was given.
 */
export type HandshakeOutcome =
  { kind: 'ready' } | { kind: 'refused'; code: string } | { kind: 'closed'; code: string };

/**
 * One socket as a browser tab opens it (WebSocket only, our Origin, never reconnecting by itself), and
 * how its handshake ended. The security benchmarks open them one by one, where the socket drivers of
 * the throughput benchmarks open thousands.
 */
export function openBenchSocket(
  gatewayUrl: string,
  token: string,
  origin: string,
): { socket: BenchSocket; outcome: Promise<HandshakeOutcome> } {
  const socket: BenchSocket = io(gatewayUrl, {
    transports: ['websocket'],
    auth: { token, protocolVersion: PROTOCOL_VERSION },
    extraHeaders: { origin },
    forceNew: true,
    reconnection: false,
  });
  const outcome = new Promise<HandshakeOutcome>((resolve) => {
    socket.once('ready', () => resolve({ kind: 'ready' }));
    socket.once('connect_error', (error: Error & { data?: Partial<HandshakeRefusal> }) =>
      resolve({ kind: 'refused', code: error.data?.code ?? error.message }),
    );
    let closing = 'disconnected';
    socket.once('connection:closing', ({ code }) => (closing = code));
    // Without this, a socket closed after connecting but before `ready` would leave the outcome pending.
    socket.once('disconnect', () => resolve({ kind: 'closed', code: closing }));
  });
  return { socket, outcome };
}
