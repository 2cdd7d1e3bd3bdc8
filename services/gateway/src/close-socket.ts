import type { ErrorCode } from '@livechat/protocol';
import type { GatewaySocket } from './socket-types.js';

/**
 * Tells the client why, then disconnects it. Engine.IO flushes what is queued before closing, so the
 * reason arrives first and the client can decide (refresh and reconnect, reconnect elsewhere, sign in);
 * `retryAfterMs` asks it to wait that long (plus jitter) before reconnecting.
 */
export function closeSocket(
  socket: GatewaySocket,
  code: ErrorCode,
  message: string,
  hint: { retryAfterMs?: number } = {},
): void {
  if (!socket.connected) return;
  socket.emit('connection:closing', { code, message, ...hint });
  socket.disconnect(true);
}

interface WebSocketLike {
  bufferedAmount: number;
  terminate(): void;
}

/**
 * The `ws` socket under a Socket.IO socket (WebSocket is our only transport). Engine.IO does not type its
 * transports' internals; we read `bufferedAmount` and call `terminate` on it, both public `ws` API.
 */
export function underlyingWebSocket(socket: GatewaySocket): WebSocketLike | undefined {
  const transport = socket.conn.transport as unknown as { socket?: WebSocketLike };
  return transport.socket;
}

/** Cuts a socket off at once, without a goodbye: for clients that stopped reading or keep flooding. */
export function terminateSocket(socket: GatewaySocket): void {
  const ws = underlyingWebSocket(socket);
  if (ws) ws.terminate();
  else socket.disconnect(true);
}
