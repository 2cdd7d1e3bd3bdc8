import { createHash } from 'node:crypto';
import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';
import rateLimit, { normalizeIP } from '@fastify/rate-limit';
import type { RedisClient } from '@livechat/server-kit';
import { ApiError } from '../errors.js';
import { normalizeEmail } from '../users/normalize-email.js';
import { redisRateLimitStore } from './rate-limit-redis-store.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Rate-limit hooks to pass as a route's `preHandler`. */
    rateLimits: {
      /** Auth endpoints: per client IP and per account (the body's email, or the caller), per endpoint. */
      auth: preHandlerHookHandler[];
      /** Message sends: per account and per client IP. */
      send: preHandlerHookHandler[];
    };
  }
}

/** What a limiter counts by; null means the request has no such subject and this limiter lets it pass. */
type Subject = (request: FastifyRequest) => string | null;

/**
 * The client address: Fastify's `request.ip` believes X-Forwarded-For only from TRUST_PROXY (nginx), so
 * nobody picks their own bucket by sending the header. IPv6 clients are grouped by /64, the block one
 * subscriber gets.
 */
const clientIp: Subject = (request) => `ip:${normalizeIP(request.ip)}`;

/**
 * The account a request is about: the signed-in caller, or the email in the body of login, register,
 * forgot-password and friends (hashed: counters in Redis need not name people).
 */
const account: Subject = (request) => {
  if (request.auth) return `user:${request.auth.userId}`;
  const email = (request.body as { email?: unknown } | undefined)?.email;
  if (typeof email !== 'string') return null;
  return `email:${createHash('sha256').update(normalizeEmail(email)).digest('base64url').slice(0, 22)}`;
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
        const retryAfterSeconds = Math.max(1, result.ttlInSeconds);
        throw new ApiError(
          'rate_limited',
          `Too many requests; try again in ${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'}`,
          { retryAfterSeconds },
        );
      };
      // Callback style: the route contract takes `preHandlerHookHandler`s.
      return (request, reply, done) => {
        enforce(request, reply).then(() => done(), done);
      };
    };

    const authPerMinute = config.RATE_LIMIT_AUTH_PER_MINUTE;
    const sendPer10s = config.RATE_LIMIT_SEND_PER_10S;
    app.decorate('rateLimits', {
      auth: [
        limiter('auth-ip', authPerMinute, 60_000, clientIp, true),
        limiter('auth-account', authPerMinute, 60_000, account, true),
      ],
      // Per IP allows five accounts' worth, for people behind one NAT.
      send: [
        limiter('send-user', sendPer10s, 10_000, caller, false),
        limiter('send-ip', sendPer10s * 5, 10_000, clientIp, false),
      ],
    });
  },
  { name: 'rate-limits', dependencies: ['api-context'] },
);
