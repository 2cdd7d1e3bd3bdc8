import { ServerResponse } from 'node:http';
import type { GatewayServer, GatewaySocket } from './socket-types.js';

/**
 * Engine.IO keeps the HTTP request that opened a connection for the connection's whole life: on its
 * socket (`conn.request`, what `socket.request` returns) and through the stand-in response it builds for
 * an upgrade (engine.io 6 `WebSocketResponse`), whose `close` listener on the TCP socket holds it. After
 * Engine.IO's own `delete` of a header slot that request is a dictionary-mode object — ~1.6 KiB of
 * properties, plus its raw headers, per idle connection in issue 7's heap snapshots. The gateway reads
 * it only during the handshake (origin, client address); from the upgrade on, nothing needs it.
 *
 * Engine.IO runs its middlewares in the order they were added, so this one, added last, runs after every
 * one that may set a header on the stand-in response (which stores them on the request).
 */
export function releaseUpgradeRequests(io: GatewayServer): void {
  io.engine.use((_request: unknown, response: ServerResponse, next: () => void) => {
    if (!(response instanceof ServerResponse)) (response as { req?: unknown }).req = undefined;
    next();
  });
}

/** Once a socket is connected: its request and a copy of its headers are no longer needed. */
export function releaseHandshakeRequest(socket: GatewaySocket): void {
  (socket.conn as { request?: unknown }).request = undefined;
  socket.handshake.headers = {};
}
