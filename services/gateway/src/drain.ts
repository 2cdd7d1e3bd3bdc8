import { closeSocket, terminateSocket } from './close-socket.js';
import type { GatewayServer } from './socket-types.js';

const POLL_MS = 50;

/**
 * Tells every local socket to reconnect elsewhere and closes it, waiting up to `boundMs` for them to go
 * politely (their last events flushed), then cuts off whatever is left.
 */
export async function drainSockets(io: GatewayServer, boundMs: number): Promise<void> {
  for (const socket of io.of('/').sockets.values())
    closeSocket(socket, 'unavailable', 'server restarting; reconnect');
  const deadline = Date.now() + boundMs;
  while (io.engine.clientsCount > 0 && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  for (const socket of io.of('/').sockets.values()) terminateSocket(socket);
}
