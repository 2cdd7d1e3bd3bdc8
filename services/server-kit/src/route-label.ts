import type { FastifyRequest } from 'fastify';

/**
 * The route pattern a request matched (`/api/rooms/:roomId/messages`), never its ids, so that logs and
 * metrics group requests by route; `unmatched` when no route did (a 404).
 */
export const routeLabel = (request: FastifyRequest): string => request.routeOptions.url ?? 'unmatched';
