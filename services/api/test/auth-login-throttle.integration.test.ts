import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser } from './support/factories.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { startTestApi, type TestApi } from './support/test-api.js';

// Issue 9: wrong passwords must not lock the owner out. Limits are per (account, address) pair and per
// address; the account is only slowed down. Both modes: memory (standalone) and Redis (cluster).
const PAIR_LIMIT = 10;
const SLOWDOWN_AFTER = 3;
const MAX_GAP_MS = 200;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each([
  { mode: 'standalone', redis: false },
  { mode: 'cluster', redis: true },
])('login throttle ($mode)', ({ redis }) => {
  let database: TestDatabase;
  const apis: TestApi[] = [];
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    for (const api of apis) await api.close();
    await database.close();
  });
  const start = async (env: Record<string, string> = {}) => {
    const api = await startTestApi({
      database,
      redis,
      env: {
        TRUST_PROXY: '127.0.0.1', // X-Forwarded-For names the client address
        RATE_LIMIT_AUTH_PER_MINUTE: '30', // the default
        LOGIN_FAILURES_PER_ADDRESS: String(PAIR_LIMIT),
        LOGIN_SLOWDOWN_AFTER_FAILURES: String(SLOWDOWN_AFTER),
        LOGIN_SLOWDOWN_BASE_MS: '50',
        LOGIN_SLOWDOWN_MAX_MS: String(MAX_GAP_MS),
        ...env,
      },
    });
    apis.push(api);
    return api;
  };
  const login = async (api: TestApi, email: string, password: string, address: string) => {
    const response = await api.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password },
      headers: { 'x-forwarded-for': address },
    });
    return { status: response.statusCode, retryAfter: Number(response.headers['retry-after'] ?? 0) };
  };

  it('30 wrong passwords from address A: A is cut off, the right password from address B gets in', async () => {
    const api = await start();
    const user = await buildUser(api.app);
    const fromA: { status: number; retryAfter: number }[] = [];
    for (let attempt = 0; attempt < 30; attempt++) {
      fromA.push(await login(api, user.email, 'wrong password', '198.51.100.1'));
      await pause(MAX_GAP_MS + 50); // a patient guesser, never refused for going too fast
    }
    expect(fromA.map((attempt) => attempt.status)).toEqual([
      ...Array<number>(PAIR_LIMIT).fill(401),
      ...Array<number>(30 - PAIR_LIMIT).fill(429),
    ]);
    // A waits out the failure window (15 min), not a second.
    expect(fromA[29]!.retryAfter).toBeGreaterThan(60);
    expect((await login(api, user.email, user.password, '198.51.100.1')).status).toBe(429);

    expect((await login(api, user.email, user.password, '203.0.113.2')).status).toBe(200);
  });

  it('a burst of guesses slows the account down; the owner still gets in after a bounded wait', async () => {
    const api = await start();
    const user = await buildUser(api.app);
    const burst: number[] = [];
    for (let attempt = 0; attempt < 30; attempt++) {
      burst.push((await login(api, user.email, 'wrong password', `198.51.100.${10 + attempt}`)).status);
    }
    expect(burst.slice(0, SLOWDOWN_AFTER)).toEqual(Array<number>(SLOWDOWN_AFTER).fill(401));
    expect(burst.filter((status) => status === 429).length).toBeGreaterThan(0);

    const started = Date.now();
    let owner = await login(api, user.email, user.password, '203.0.113.3');
    while (owner.status === 429 && Date.now() - started < 5000) {
      expect(owner.retryAfter).toBeLessThanOrEqual(1); // a slowdown, not a lockout
      await pause(MAX_GAP_MS / 4);
      owner = await login(api, user.email, user.password, '203.0.113.3');
    }
    expect(owner.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(MAX_GAP_MS + 2000);
  });

  it('gives parallel guesses from many addresses one turn per gap between them', async () => {
    const api = await start({ LOGIN_SLOWDOWN_BASE_MS: '5000', LOGIN_SLOWDOWN_MAX_MS: '5000' });
    const user = await buildUser(api.app);
    for (let attempt = 0; attempt < SLOWDOWN_AFTER; attempt++) {
      expect((await login(api, user.email, 'wrong password', '192.0.2.1')).status).toBe(401);
    }
    const parallel = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        login(api, user.email, 'wrong password', `192.0.2.${10 + index}`),
      ),
    );
    expect(parallel.filter((attempt) => attempt.status === 401)).toHaveLength(1);
    expect(parallel.filter((attempt) => attempt.status === 429)).toHaveLength(19);
  });

  it('limits one address across accounts', async () => {
    const api = await start({ RATE_LIMIT_AUTH_PER_MINUTE: '5' });
    const users = await Promise.all(Array.from({ length: 6 }, () => buildUser(api.app)));
    const statuses: number[] = [];
    for (const user of users)
      statuses.push((await login(api, user.email, 'wrong password', '192.0.2.200')).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    // Another address, and the right password of the same accounts, are not held back by it.
    expect((await login(api, users[5]!.email, users[5]!.password, '192.0.2.201')).status).toBe(200);
  });
});
