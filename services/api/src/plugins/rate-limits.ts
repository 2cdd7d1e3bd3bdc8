import fp from 'fastify-plugin';
import type { preHandlerHookHandler } from 'fastify';

declare module 'fastify' {
  interface FastifyInstance {
    /** Rate-limit hooks to pass as a route's `preHandler`. */
    rateLimits: {
      /** Auth endpoints: per client IP and per account (the body's email, or the caller). */
      auth: preHandlerHookHandler[];
      /** Message sends: per account and per client IP. */
      send: preHandlerHookHandler[];
    };
  }
}

// TODO(auth helper): real limits, Redis-backed when app has Redis, in memory otherwise.
export default fp(
  async (app) => {
    app.decorate('rateLimits', { auth: [], send: [] });
  },
  { name: 'rate-limits' },
);
