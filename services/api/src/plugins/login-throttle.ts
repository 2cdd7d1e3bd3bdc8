import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import type { RedisClient } from '@livechat/server-kit';
import { slowdownMs } from '../auth/login-slowdown.js';
import { redisLoginAttempts } from './login-attempt-redis-store.js';
import { MemoryLoginAttempts } from './login-attempt-store.js';
import { clientIp, emailKey } from './rate-limit-subjects.js';
import { rateLimited } from './rate-limited-error.js';

export interface LoginThrottle {
  /** Refuses the attempt (429 with Retry-After) when its pair is over its limit or the account must wait. */
  admit(request: FastifyRequest, email: string): Promise<void>;
  /** A wrong password (or an unknown address: counted alike, so the throttle reveals nothing). */
  failed(request: FastifyRequest, email: string): Promise<void>;
  /** The right password: that address's failures for the account are forgiven (typos of the owner). */
  succeeded(request: FastifyRequest, email: string): Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    loginThrottle: LoginThrottle;
  }
}

/**
 * Login guessing is limited without letting anyone lock the owner out (issue 9; policy in CONTEXT.md):
 * - per (account, address) pair: LOGIN_FAILURES_PER_ADDRESS failures per window, then that pair waits
 *   the window out — the guesser's address is cut off, nobody else is;
 * - per address across accounts: the `auth-ip` request limit (plugins/rate-limits.ts);
 * - per account across addresses: past LOGIN_SLOWDOWN_AFTER_FAILURES failures its attempts are spaced
 *   out by a gap that doubles per failure up to LOGIN_SLOWDOWN_MAX_MS — a slowdown with a bounded wait,
 *   never a lockout. The gap is a turn taken atomically (Redis SET NX PX), so parallel attempts from
 *   many addresses get one turn per gap between them, not one each.
 * Same code in both modes: the store is Redis when the API has it, memory otherwise.
 */
export default fp<{ redis: RedisClient | null }>(
  async (app, { redis }) => {
    const { config } = app;
    const store = redis
      ? redisLoginAttempts(redis, `${config.REDIS_PREFIX}:rl:login:`, app.log)
      : new MemoryLoginAttempts();
    const windowMs = config.LOGIN_FAILURE_WINDOW_SECONDS * 1000;
    const policy = {
      afterFailures: config.LOGIN_SLOWDOWN_AFTER_FAILURES,
      baseMs: config.LOGIN_SLOWDOWN_BASE_MS,
      maxMs: config.LOGIN_SLOWDOWN_MAX_MS,
    };
    const keys = (request: FastifyRequest, email: string) => {
      const account = emailKey(email);
      return {
        pair: `pair:${account}:${clientIp(request)}`,
        account: `account:${account}`,
        turn: `turn:${account}`,
      };
    };

    app.decorate('loginThrottle', {
      async admit(request, email) {
        const key = keys(request, email);
        const [pair, account] = await store.failures([key.pair, key.account]);
        if (pair!.count >= config.LOGIN_FAILURES_PER_ADDRESS) throw rateLimited(pair!.resetsInMs);
        const gap = slowdownMs(account!.count, policy);
        if (gap === 0) return;
        const wait = await store.takeTurn(key.turn, gap);
        if (wait > 0) throw rateLimited(wait);
      },
      async failed(request, email) {
        const key = keys(request, email);
        await store.recordFailure([key.pair, key.account], windowMs);
      },
      async succeeded(request, email) {
        await store.forget(keys(request, email).pair);
      },
    } satisfies LoginThrottle);
  },
  { name: 'login-throttle', dependencies: ['api-context'] },
);
