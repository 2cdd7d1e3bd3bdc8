import type { ServerResponse } from 'node:http';
import { DEFAULT_CACHE_CONTROL, SECURITY_HEADERS } from '@livechat/server-kit';
import type { GatewayServer } from './socket-types.js';

/**
 * Engine.IO answers `/socket.io/` itself, outside Fastify's hooks (its upgrades and its refusals, e.g. of
 * a polling transport): those answers get server-kit's header policy too, set before Engine.IO writes them.
 */
export function applyHeaderPolicyToEngine(io: GatewayServer): void {
  io.engine.use((_request: unknown, response: ServerResponse, next: () => void) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
    response.setHeader('cache-control', DEFAULT_CACHE_CONTROL);
    next();
  });
}
