import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import pino from 'pino';
import { connectRedis } from '@livechat/server-kit';
import { loadApiConfig } from '../src/config.js';
import problemDetails from '../src/plugins/problem-details.js';
import { redisRateLimitStore } from '../src/plugins/rate-limit-redis-store.js';
import rateLimits from '../src/plugins/rate-limits.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { startTestApi, TEST_REDIS_URL, type TestApi } from './support/test-api.js';

const LIMIT = '3';

const loginAttempt = (app: FastifyInstance, email: string, forwardedFor?: string) =>
  app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password: 'wrong password' },
    headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
  });

const statuses = async (attempts: (() => Promise<{ statusCode: number }>)[]) => {
  const codes: number[] = [];
  for (const attempt of attempts) codes.push((await attempt()).statusCode);
  return codes;
};

describe('rate limits on auth endpoints', () => {
  const apis: TestApi[] = [];
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    for (const api of apis) await api.close();
    await database.close();
  });
  // Every API here shares one database: counts live in each API's memory, or under its Redis prefix.
  const start = async (env: Record<string, string> = {}, redis = false) => {
    const api = await startTestApi({ database, redis, env: { RATE_LIMIT_AUTH_PER_MINUTE: LIMIT, ...env } });
    apis.push(api);
    return api;
  };

  it('answers 429 rate_limited with Retry-After once an account is over the limit', async () => {
    const { app } = await start();
    const codes = await statuses(
      Array.from({ length: 4 }, () => () => loginAttempt(app, 'target@example.com')),
    );
    expect(codes).toEqual([401, 401, 401, 429]);
    const limited = await loginAttempt(app, 'TARGET@example.com');
    expect(limited.headers['content-type']).toMatch(/application\/problem\+json/);
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited.json()).toMatchObject({
      status: 429,
      code: 'rate_limited',
      retryAfterSeconds: retryAfter,
    });

    // Limits are per endpoint: the same account may still ask for a reset link.
    const forgot = await app.inject({
      method: 'POST',
      url: '/api/auth/forgot-password',
      payload: { email: 'target@example.com' },
    });
    expect(forgot.statusCode).toBe(202);
  });

  it('counts per client IP across accounts, ignoring X-Forwarded-For from an untrusted peer', async () => {
    const { app } = await start();
    const codes = await statuses(
      Array.from(
        { length: 4 },
        (_, index) => () => loginAttempt(app, `a${index}@example.com`, `203.0.113.${index}`),
      ),
    );
    expect(codes).toEqual([401, 401, 401, 429]);
  });

  it('believes X-Forwarded-For from a trusted proxy, and still counts per account across IPs (but login)', async () => {
    const { app } = await start({ TRUST_PROXY: '127.0.0.1' });
    const differentClients = await statuses(
      Array.from(
        { length: 4 },
        (_, index) => () => loginAttempt(app, `b${index}@example.com`, `203.0.113.${index}`),
      ),
    );
    expect(differentClients).toEqual([401, 401, 401, 401]);
    const oneClient = await statuses(
      Array.from(
        { length: 4 },
        (_, index) => () => loginAttempt(app, `c${index}@example.com`, '198.51.100.7'),
      ),
    );
    expect(oneClient).toEqual([401, 401, 401, 429]);
    // Per account across IPs on the mail-sending endpoints; login is slowed down instead
    // (auth-login-throttle test), never locked for everyone.
    const oneAccount = await statuses(
      Array.from(
        { length: 4 },
        (_, index) => () =>
          app.inject({
            method: 'POST',
            url: '/api/auth/forgot-password',
            payload: { email: 'spread@example.com' },
            headers: { 'x-forwarded-for': `192.0.2.${index}` },
          }),
      ),
    );
    expect(oneAccount).toEqual([202, 202, 202, 429]);
  });

  it('shares the counts of every API replica through Redis', async () => {
    const prefix = `lc_test_rl_${randomUUID().slice(0, 8)}`;
    const first = await start({ REDIS_PREFIX: prefix }, true);
    const second = await start({ REDIS_PREFIX: prefix }, true);
    const codes = await statuses(
      [first, second, first, second].map((api) => () => loginAttempt(api.app, 'shared@example.com')),
    );
    expect(codes).toEqual([401, 401, 401, 429]);

    const keys = await first.deps.redis!.keys(`${prefix}:rl:*`);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      const ttl = await first.deps.redis!.pTTL(key);
      expect(ttl).toBeGreaterThan(0);
      // Request windows are a minute; login failures are counted over LOGIN_FAILURE_WINDOW_SECONDS.
      const windowMs = key.includes(':rl:login:') ? first.config.LOGIN_FAILURE_WINDOW_SECONDS * 1000 : 60_000;
      expect(ttl).toBeLessThanOrEqual(windowMs);
    }
    await first.deps.redis!.del(keys);
  });
});

describe('the Redis store', () => {
  it('keeps limiting in memory while Redis is unreachable', async () => {
    const client = await connectRedis(TEST_REDIS_URL, pino({ level: 'silent' }), 'rl-test');
    client.destroy(); // every command now fails at once
    const Store = redisRateLimitStore(
      client,
      `lc_test_rl_${randomUUID().slice(0, 8)}:`,
      pino({ level: 'silent' }),
    );
    const store = new Store({});
    const counts: number[] = [];
    for (let index = 0; index < 3; index++) {
      counts.push(
        await new Promise<number>((resolve, reject) =>
          store.incr('key', (error, result) => (error ? reject(error) : resolve(result!.current)), 60_000, 2),
        ),
      );
    }
    expect(counts).toEqual([1, 2, 3]);
  });
});

describe('rate limits on message sends', () => {
  /** A bare server with the limits plugin and one route guarded by `rateLimits.send`; the caller is a header. */
  async function sendServer() {
    const app = Fastify({ logger: false });
    await app.register(
      fp(
        async (instance) => {
          instance.decorate('config', loadApiConfig({ RATE_LIMIT_SEND_PER_10S: '2' }));
        },
        { name: 'api-context' },
      ),
    );
    await app.register(problemDetails);
    await app.register(rateLimits, { redis: null });
    app.decorateRequest('auth', null);
    app.post(
      '/send',
      {
        onRequest: async (request) => {
          const userId = String(request.headers['x-user']);
          request.auth = {
            userId,
            sessionId: 's',
            emailVerified: true,
            displayName: userId,
            expiresAt: new Date(),
          };
        },
        preHandler: app.rateLimits.send,
      },
      async () => ({ ok: true }),
    );
    await app.ready();
    return app;
  }

  it('limits each sender, and each IP at five times that', async () => {
    const app = await sendServer();
    try {
      const send = (user: string) => () =>
        app.inject({ method: 'POST', url: '/send', headers: { 'x-user': user } });
      expect(await statuses([send('u1'), send('u1'), send('u1')])).toEqual([200, 200, 429]);
      // Other senders behind the same address share its budget of 10; u1 used 2 of it (its refused
      // third send was stopped by the per-sender limit first).
      const others = await statuses(['u2', 'u2', 'u3', 'u3', 'u4', 'u4', 'u5', 'u5', 'u6'].map(send));
      expect(others).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 429]);
    } finally {
      await app.close();
    }
  });
});
