import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFRESH_COOKIE, SESSION_MARKER_COOKIE } from '@livechat/protocol';
import { buildUser, logIn, type TestUser } from './support/factories.js';
import { startTestApi, TEST_ORIGIN, type TestApi } from './support/test-api.js';

type InjectedCookie = { name: string; value: string; path?: string; httpOnly?: boolean; maxAge?: number };

/**
 * The session marker: a page may read it to know whether a refresh is worth trying, so it must come and
 * go exactly with the refresh cookie, and hold nothing a script could misuse.
 */
describe('session marker cookie', () => {
  let api: TestApi;
  let user: TestUser;
  beforeAll(async () => {
    api = await startTestApi();
    user = await buildUser(api.app, { displayName: 'Marker Tester' });
  });
  afterAll(() => api.close());

  const cookieOf = (response: { cookies: InjectedCookie[] }, name: string) =>
    response.cookies.find((cookie) => cookie.name === name);
  const authCall = (route: 'refresh' | 'logout', refreshToken?: string) =>
    api.app.inject({
      method: 'POST',
      url: `/api/auth/${route}`,
      headers: { origin: TEST_ORIGIN },
      cookies: refreshToken ? { [REFRESH_COOKIE]: refreshToken } : {},
      ...(route === 'logout' ? { payload: {} } : {}),
    });

  it('is set beside the refresh cookie at login: value 1, readable by scripts, at every path, same lifetime', async () => {
    const response = await api.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: user.email, password: user.password },
    });
    expect(response.statusCode).toBe(200);
    const marker = cookieOf(response, SESSION_MARKER_COOKIE);
    expect(marker).toMatchObject({ value: '1', path: '/', sameSite: 'Strict' });
    expect(marker?.httpOnly).toBeFalsy();
    expect(marker?.maxAge).toBe(api.config.REFRESH_TOKEN_TTL_SECONDS);
    expect(cookieOf(response, REFRESH_COOKIE)?.maxAge).toBe(marker?.maxAge);
  });

  it('is renewed with every rotation', async () => {
    const session = await logIn(api.app, user.email);
    const response = await authCall('refresh', session.refreshToken);
    expect(response.statusCode).toBe(200);
    expect(cookieOf(response, SESSION_MARKER_COOKIE)).toMatchObject({ value: '1', path: '/' });
  });

  it('is cleared at logout and when a refresh is refused', async () => {
    const session = await logIn(api.app, user.email);
    const loggedOut = await authCall('logout', session.refreshToken);
    expect(loggedOut.statusCode).toBe(200);
    const refused = await authCall('refresh', session.refreshToken);
    expect(refused.statusCode).toBe(401);
    for (const response of [loggedOut, refused]) {
      expect(cookieOf(response, SESSION_MARKER_COOKIE)).toMatchObject({ value: '', path: '/' });
      expect(cookieOf(response, REFRESH_COOKIE)?.value).toBe('');
    }
  });
});
