import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { pino } from 'pino';
import { REFRESH_COOKIE } from '@livechat/protocol';
import { connectRedis, revokedSessionsKey, type RedisClient } from '@livechat/server-kit';
import { REVOKED_SESSIONS_CHECK_MS } from '../src/plugins/revoked-sessions.js';
import { buildUser, latestMailTo, linkToken, logIn, type TestSession } from './support/factories.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { startTestApi, TEST_ORIGIN, TEST_REDIS_URL, type TestApi } from './support/test-api.js';

const NEW_PASSWORD = 'a brand new passphrase';

/** What one access token gets from an authenticated route: 200 while its session lives, 401 after. */
const statusOf = async (api: TestApi, session: TestSession) =>
  (await api.app.inject({ method: 'GET', url: '/api/users/me', headers: session.headers })).statusCode;

const post = (api: TestApi, url: string, payload: object, extra: { cookie?: string; bearer?: string } = {}) =>
  api.app.inject({
    method: 'POST',
    url,
    headers: {
      origin: TEST_ORIGIN,
      ...(extra.bearer ? { authorization: `Bearer ${extra.bearer}` } : {}),
    },
    cookies: extra.cookie ? { [REFRESH_COOKIE]: extra.cookie } : {},
    payload,
  });

/** Polls until `check` holds, for at most `ms`; answers how long it took (or throws). */
async function within(ms: number, check: () => Promise<boolean>): Promise<number> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return Date.now() - start;
}

describe('revoked sessions: their access tokens are refused at once, not when they expire', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  const twoSessions = async () => {
    const user = await buildUser(api.app);
    const [first, second] = [await logIn(api.app, user.email), await logIn(api.app, user.email)];
    expect([await statusOf(api, first), await statusOf(api, second)]).toEqual([200, 200]);
    return { user, first, second };
  };

  it('logout: the session’s token gets 401 on every route; the user’s other session is untouched', async () => {
    const { first, second } = await twoSessions();
    expect((await post(api, '/api/auth/logout', {}, { cookie: first.refreshToken })).statusCode).toBe(200);

    const me = await api.app.inject({ method: 'GET', url: '/api/users/me', headers: first.headers });
    expect(me.statusCode).toBe(401);
    expect(me.json()).toMatchObject({ code: 'unauthenticated' });
    const rename = await api.app.inject({
      method: 'PATCH',
      url: '/api/users/me',
      headers: first.headers,
      payload: { displayName: 'Not me' },
    });
    expect(rename.statusCode).toBe(401);
    const create = await api.app.inject({
      method: 'POST',
      url: '/api/rooms',
      headers: first.headers,
      payload: { name: 'after logout', memberIds: [] },
    });
    expect(create.statusCode).toBe(401);
    expect(await statusOf(api, second)).toBe(200);
  });

  it('logout with only the access token (no cookie) revokes that token’s session', async () => {
    const { first, second } = await twoSessions();
    expect((await post(api, '/api/auth/logout', {}, { bearer: first.accessToken })).statusCode).toBe(200);
    expect([await statusOf(api, first), await statusOf(api, second)]).toEqual([401, 200]);
  });

  it('logout everywhere: every session’s token gets 401', async () => {
    const { first, second } = await twoSessions();
    const response = await post(
      api,
      '/api/auth/logout',
      { everywhere: true },
      { cookie: first.refreshToken },
    );
    expect(response.statusCode).toBe(200);
    expect([await statusOf(api, first), await statusOf(api, second)]).toEqual([401, 401]);
  });

  it('password reset: every session’s token gets 401', async () => {
    const { user, first, second } = await twoSessions();
    expect((await post(api, '/api/auth/forgot-password', { email: user.email })).statusCode).toBe(202);
    const token = linkToken((await latestMailTo(api.app, user.email)).text, 'reset-password');
    expect((await post(api, '/api/auth/reset-password', { token, password: NEW_PASSWORD })).statusCode).toBe(
      200,
    );
    expect([await statusOf(api, first), await statusOf(api, second)]).toEqual([401, 401]);
  });

  it('password change: the other sessions’ tokens get 401, the one it was done in keeps working', async () => {
    const { user, first, second } = await twoSessions();
    const change = await api.app.inject({
      method: 'POST',
      url: '/api/auth/change-password',
      headers: first.headers,
      payload: { currentPassword: user.password, newPassword: NEW_PASSWORD },
    });
    expect(change.statusCode).toBe(200);
    expect([await statusOf(api, first), await statusOf(api, second)]).toEqual([200, 401]);
  });

  it('a reused refresh token: every token of its family gets 401, other sessions are untouched', async () => {
    const { first, second } = await twoSessions();
    const rotated = await post(api, '/api/auth/refresh', {}, { cookie: first.refreshToken });
    expect(rotated.statusCode).toBe(200);
    const successor = rotated.json<{ accessToken: string }>().accessToken;
    await api.app.db
      .updateTable('refresh_tokens')
      .set({ rotated_at: sql<Date>`now() - interval '1 minute'` })
      .where('family_id', '=', first.sessionId)
      .where('rotated_at', 'is not', null)
      .execute();
    expect((await post(api, '/api/auth/refresh', {}, { cookie: first.refreshToken })).statusCode).toBe(401);

    const successorSession = { ...first, headers: { authorization: `Bearer ${successor}` } };
    expect(await statusOf(api, first)).toBe(401);
    expect(await statusOf(api, successorSession)).toBe(401);
    expect(await statusOf(api, second)).toBe(200);
  });
});

describe('revoked sessions across replicas and restarts', () => {
  let database: TestDatabase;
  let redis: RedisClient;
  const apis: TestApi[] = [];
  beforeAll(async () => {
    database = await createTestDatabase();
    redis = await connectRedis(TEST_REDIS_URL, pino({ level: 'silent' }), 'test');
  });
  afterAll(async () => {
    for (const api of apis) await api.close();
    redis.destroy();
    await database.close();
  });
  /** A replica of one deployment: same database, keys and Redis prefix. */
  const replica = async (of?: TestApi, redisToo = true) => {
    const api = await startTestApi({
      redis: redisToo,
      database,
      ...(of ? { keys: of.deps.keys, env: { REDIS_PREFIX: of.config.REDIS_PREFIX } } : {}),
    });
    apis.push(api);
    return api;
  };

  it('revoked on one API replica, refused on the other within a second', async () => {
    const one = await replica();
    const other = await replica(one);
    const user = await buildUser(one.app);
    const session = await logIn(one.app, user.email);
    expect(await statusOf(other, session)).toBe(200);

    expect((await post(one, '/api/auth/logout', {}, { cookie: session.refreshToken })).statusCode).toBe(200);
    const elapsed = await within(1000, async () => (await statusOf(other, session)) === 401);
    expect(elapsed).toBeLessThan(1000);
  });

  it('rebuilds the list from Postgres when Redis lost it, and a replica started later refuses the session', async () => {
    const one = await replica();
    const user = await buildUser(one.app);
    const session = await logIn(one.app, user.email);
    expect((await post(one, '/api/auth/logout', {}, { cookie: session.refreshToken })).statusCode).toBe(200);
    const key = revokedSessionsKey(one.config.REDIS_PREFIX);
    expect(await redis.zScore(key, session.sessionId)).not.toBeNull();

    // Only this test's own key: as if Redis had restarted empty.
    await redis.del(key);
    expect(await redis.zScore(key, session.sessionId)).toBeNull();
    await within(
      REVOKED_SESSIONS_CHECK_MS * 3,
      async () => (await redis.zScore(key, session.sessionId)) !== null,
    );

    const later = await replica(one);
    expect(await statusOf(later, session)).toBe(401);
    expect(await statusOf(one, session)).toBe(401);
  });

  it('a restarted API without Redis (standalone) refuses sessions revoked before it started', async () => {
    const before = await replica(undefined, false);
    const user = await buildUser(before.app);
    const [ended, alive] = [await logIn(before.app, user.email), await logIn(before.app, user.email)];
    expect((await post(before, '/api/auth/logout', {}, { cookie: ended.refreshToken })).statusCode).toBe(200);
    await before.close();
    apis.splice(apis.indexOf(before), 1);

    const after = await startTestApi({ database, keys: before.deps.keys });
    apis.push(after);
    expect([await statusOf(after, ended), await statusOf(after, alive)]).toEqual([401, 200]);
  });

  it('keeps an entry only as long as an access token of the session can live', async () => {
    const one = await replica();
    const user = await buildUser(one.app);
    const session = await logIn(one.app, user.email);
    expect((await post(one, '/api/auth/logout', {}, { cookie: session.refreshToken })).statusCode).toBe(200);
    const key = revokedSessionsKey(one.config.REDIS_PREFIX);
    const until = Number(await redis.zScore(key, session.sessionId));
    const lifetimeMs = one.config.ACCESS_TOKEN_TTL_SECONDS * 1000;
    expect(until - Date.now()).toBeGreaterThan(lifetimeMs);
    expect(until - Date.now()).toBeLessThan(lifetimeMs + 60_000);
    expect(await redis.pTTL(key)).toBeGreaterThan(lifetimeMs - 5000);
    expect(await redis.zScore(key, randomUUID())).toBeNull();
  });
});
