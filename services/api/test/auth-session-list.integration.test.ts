import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFRESH_COOKIE, type ActiveSession, type SessionList } from '@livechat/protocol';
import { UNKNOWN_DEVICE } from '../src/auth/active-sessions.js';
import { buildUser, type TestUser } from './support/factories.js';
import { requestRoute } from './support/route-request.js';
import { startTestApi, TEST_ORIGIN, type TestApi } from './support/test-api.js';

const FIREFOX_ON_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';
const CHROME_ON_LINUX =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

interface Device {
  accessToken: string;
  refreshToken: string;
  sessionId: string;
}

/**
 * The session list (ASVS 7.5.2): one entry per sign-in with its device, sign-in and last use; ending one
 * is logging out there. Runs on Postgres and, in the PGlite rerun, on PGlite.
 */
describe('session list', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  const cookieValue = (response: { cookies: { name: string; value: string }[] }) =>
    response.cookies.find((cookie) => cookie.name === REFRESH_COOKIE)?.value;

  async function device(answer: Awaited<ReturnType<TestApi['app']['inject']>>): Promise<Device> {
    expect(answer.statusCode, answer.body).toBe(200);
    const { accessToken } = answer.json<{ accessToken: string }>();
    const refreshToken = cookieValue(answer);
    if (!refreshToken) throw new Error('no refresh cookie');
    return { accessToken, refreshToken, sessionId: (await api.app.tokens.verify(accessToken)).sessionId };
  }

  const signIn = async (user: TestUser, userAgent?: string) =>
    device(
      await api.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: userAgent ? { 'user-agent': userAgent } : {},
        payload: { email: user.email, password: user.password },
      }),
    );

  const refresh = async (held: Device, userAgent: string) =>
    device(
      await api.app.inject({
        method: 'POST',
        url: '/api/auth/refresh',
        headers: { origin: TEST_ORIGIN, 'user-agent': userAgent },
        cookies: { [REFRESH_COOKIE]: held.refreshToken },
      }),
    );

  const as = (user: TestUser, held: Device): TestUser => ({
    ...user,
    token: held.accessToken,
    headers: { authorization: `Bearer ${held.accessToken}` },
  });

  const list = async (user: TestUser, held: Device): Promise<ActiveSession[]> => {
    const answer = await requestRoute(api.app, as(user, held), 'listSessions');
    expect(answer.statusCode, answer.body).toBe(200);
    return answer.json<SessionList>().sessions;
  };

  it('lists one entry per sign-in, newest use first, with its device and which one is this device', async () => {
    const user = await buildUser(api.app);
    const laptop = await signIn(user, FIREFOX_ON_WINDOWS);
    const script = await signIn(user);
    const sessions = await list(user, laptop);
    expect(sessions.map((session) => session.id)).toEqual([script.sessionId, laptop.sessionId]);
    expect(sessions.find((session) => session.id === laptop.sessionId)).toMatchObject({
      device: 'Firefox on Windows',
      current: true,
    });
    expect(sessions.find((session) => session.id === script.sessionId)).toMatchObject({
      device: UNKNOWN_DEVICE,
      current: false,
    });
    for (const session of sessions) {
      expect(Date.parse(session.lastUsedAt)).toBeGreaterThanOrEqual(Date.parse(session.signedInAt));
      expect(Math.abs(Date.parse(session.signedInAt) - Date.now())).toBeLessThan(60_000);
    }
  });

  it('a refresh keeps the sign-in time, moves last use and records the browser that refreshed', async () => {
    const user = await buildUser(api.app);
    const signedIn = await signIn(user, FIREFOX_ON_WINDOWS);
    const [before] = await list(user, signedIn);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const refreshed = await refresh(signedIn, CHROME_ON_LINUX);
    const after = await list(user, refreshed);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ id: signedIn.sessionId, signedInAt: before!.signedInAt });
    expect(after[0]!.device).toBe('Chrome on Linux');
    expect(Date.parse(after[0]!.lastUsedAt)).toBeGreaterThan(Date.parse(before!.lastUsedAt));
  });

  it('ending another device logs it out: its refresh and access tokens are refused, it leaves the list', async () => {
    const user = await buildUser(api.app);
    const [here, there] = [await signIn(user), await signIn(user)];
    const ended = await requestRoute(api.app, as(user, here), 'endSession', {
      params: { id: there.sessionId },
    });
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json()).toEqual({ ok: true });
    // Only the device that ends its own session drops its cookie.
    expect(cookieValue(ended)).toBeUndefined();
    expect((await requestRoute(api.app, as(user, there), 'me')).statusCode).toBe(401);
    const refused = await api.app.inject({
      method: 'POST',
      url: '/api/auth/refresh',
      headers: { origin: TEST_ORIGIN },
      cookies: { [REFRESH_COOKIE]: there.refreshToken },
    });
    expect(refused.statusCode).toBe(401);
    expect((await list(user, here)).map((session) => session.id)).toEqual([here.sessionId]);
    expect((await requestRoute(api.app, as(user, here), 'me')).statusCode).toBe(200);
  });

  it('someone else’s session, an ended one and an unknown id are all 404, and nothing is ended', async () => {
    const [owner, stranger] = [await buildUser(api.app), await buildUser(api.app)];
    const [ownerDevice, strangerDevice] = [await signIn(owner), await signIn(stranger)];
    const theirs = await requestRoute(api.app, as(stranger, strangerDevice), 'endSession', {
      params: { id: ownerDevice.sessionId },
    });
    expect(theirs.statusCode).toBe(404);
    expect(theirs.json()).toMatchObject({ code: 'not_found' });
    expect((await requestRoute(api.app, as(owner, ownerDevice), 'me')).statusCode).toBe(200);
    expect(await list(owner, ownerDevice)).toHaveLength(1);

    const other = await signIn(owner);
    const end = () =>
      requestRoute(api.app, as(owner, ownerDevice), 'endSession', { params: { id: other.sessionId } });
    expect((await end()).statusCode).toBe(200);
    expect((await end()).statusCode).toBe(404);
    const unknown = await requestRoute(api.app, as(owner, ownerDevice), 'endSession', {
      params: { id: '00000000-0000-4000-8000-000000000000' },
    });
    expect(unknown.statusCode).toBe(404);
    expect(
      (await requestRoute(api.app, as(owner, ownerDevice), 'endSession', { params: { id: 'not-a-uuid' } }))
        .statusCode,
    ).toBe(400);
  });

  it('ending this device’s own session is a logout: the cookie is cleared and its token refused', async () => {
    const user = await buildUser(api.app);
    const here = await signIn(user);
    const ended = await requestRoute(api.app, as(user, here), 'endSession', {
      params: { id: here.sessionId },
    });
    expect(ended.statusCode).toBe(200);
    expect(cookieValue(ended)).toBe('');
    expect((await requestRoute(api.app, as(user, here), 'me')).statusCode).toBe(401);
  });

  it('needs a signed-in user', async () => {
    expect((await requestRoute(api.app, null, 'listSessions')).statusCode).toBe(401);
    expect(
      (
        await requestRoute(api.app, null, 'endSession', {
          params: { id: '00000000-0000-4000-8000-000000000000' },
        })
      ).statusCode,
    ).toBe(401);
  });

  it('signing in again over a held refresh cookie ends the session it belonged to, whoever’s it was', async () => {
    const [first, second] = [await buildUser(api.app), await buildUser(api.app)];
    const old = await signIn(first);
    const again = async (user: TestUser) =>
      device(
        await api.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          cookies: { [REFRESH_COOKIE]: old.refreshToken },
          payload: { email: user.email, password: user.password },
        }),
      );
    const sameUser = await again(first);
    expect((await requestRoute(api.app, as(first, old), 'me')).statusCode).toBe(401);
    expect((await list(first, sameUser)).map((session) => session.id)).toEqual([sameUser.sessionId]);

    // Another account signing in on the same browser ends the first account's session there too.
    const held = await signIn(first);
    const other = await device(
      await api.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        cookies: { [REFRESH_COOKIE]: held.refreshToken },
        payload: { email: second.email, password: second.password },
      }),
    );
    expect((await requestRoute(api.app, as(first, held), 'me')).statusCode).toBe(401);
    expect((await list(second, other)).map((session) => session.id)).toEqual([other.sessionId]);
    expect((await list(first, sameUser)).map((session) => session.id)).toEqual([sameUser.sessionId]);
  });

  it('a failed sign-in leaves the held session alone', async () => {
    const user = await buildUser(api.app);
    const held = await signIn(user);
    const failed = await api.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      cookies: { [REFRESH_COOKIE]: held.refreshToken },
      payload: { email: user.email, password: 'not the password at all' },
    });
    expect(failed.statusCode).toBe(401);
    expect((await requestRoute(api.app, as(user, held), 'me')).statusCode).toBe(200);
  });
});
