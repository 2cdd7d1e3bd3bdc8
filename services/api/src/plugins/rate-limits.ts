import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import type { RedisClient } from '@livechat/server-kit';
import { redisRateLimitStore } from './rate-limit-redis-store.js';
import { rateLimited } from './rate-limited-error.js';
import { clientIp, emailKey, type Subject } from './rate-limit-subjects.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Rate-limit hooks to pass as a route's `preHandler`. */
    rateLimits: {
      /** Auth endpoints: per client IP and per account (the body's email, or the caller), per endpoint. */
      auth: preHandlerHookHandler[];
      /**
       * Login: per client IP only. Per account it is slowed down, never locked, by the login throttle
       * (plugins/login-throttle.ts), which also limits each (account, address) pair.
       */
      login: preHandlerHookHandler[];
      /** Message sends: per account and per client IP. */
      send: preHandlerHookHandler[];
    };
  }
}

/**
 * The account a request is about: the signed-in caller, or the email in the body of login, register,
 * forgot-password and friends (hashed: counters in Redis need not name people).
 */
const account: Subject = (request) => {
  if (request.auth) return `user:${request.auth.userId}`;
  const email = (request.body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' ? emailKey(email) : null;
};

const caller: Subject = (request) => (request.auth ? `user:${request.auth.userId}` : null);

/**
 * Rate limits on auth endpoints and message sends, counted in Redis under `${REDIS_PREFIX}:rl:` when the
 * API has Redis (shared by every replica), in memory otherwise. Each limiter is a preHandler (after
 * authentication and body validation, so it can key by account) that answers 429 `rate_limited` with
 * Retry-After. The plugin's `createRateLimit` is used rather than its `rateLimit` hooks because those
 * run once per request: a second hook (per account after per IP) would silently skip.
 */
export default fp<{ redis: RedisClient | null }>(
  async (app, { redis }) => {
    const config = app.config;
    await app.register(rateLimit, {
      global: false,
      ...(redis ? { store: redisRateLimitStore(redis, `${config.REDIS_PREFIX}:rl:`, app.log) } : {}),
    });

    const limiter = (
      name: string,
      max: number,
      windowMs: number,
      subject: Subject,
      perRoute: boolean,
    ): preHandlerHookHandler => {
      const keyOf = (request: FastifyRequest, of: string) =>
        perRoute ? `${name}:${request.routeOptions.url ?? ''}:${of}` : `${name}:${of}`;
      const check = app.createRateLimit({
        max,
        timeWindow: windowMs,
        keyGenerator: (request) => keyOf(request, subject(request) ?? ''),
      });
      const enforce = async (request: FastifyRequest, reply: FastifyReply) => {
        if (subject(request) === null) return;
        const result = await check(request);
        if (result.isAllowed) return;
        void reply.header('x-ratelimit-limit', result.max);
        void reply.header('x-ratelimit-remaining', result.remaining);
        if (!result.isExceeded) return;
        throw rateLimited(result.ttlInSeconds * 1000);
      };
      // Callback style: the route contract takes `preHandlerHookHandler`s.
      return (request, reply, done) => {
        enforce(request, reply).then(() => done(), done);
      };
    };

    const authPerMinute = config.RATE_LIMIT_AUTH_PER_MINUTE;
    const sendPer10s = config.RATE_LIMIT_SEND_PER_10S;
    const authPerIp = limiter('auth-ip', authPerMinute, 60_000, clientIp, true);
    app.decorate('rateLimits', {
      auth: [authPerIp, limiter('auth-account', authPerMinute, 60_000, account, true)],
      login: [authPerIp],
      // Per IP allows five accounts' worth, for people behind one NAT.
      send: [
        limiter('send-user', sendPer10s, 10_000, caller, false),
        limiter('send-ip', sendPer10s * 5, 10_000, clientIp, false),
      ],
    });
  },
  { name: 'rate-limits', dependencies: ['api-context'] },
);
