import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFRESH_COOKIE } from '@livechat/protocol';
import { buildUser, logIn, type TestUser } from './support/factories.js';
import { startTestApi, TEST_ORIGIN, type TestApi } from './support/test-api.js';

// Issue 9: the refresh grace window (two tabs at once) must not mint branches of a family. Run in both
// modes: in-memory revoked sessions (standalone) and Redis (cluster); LIVECHAT_TEST_STORAGE=pglite for PGlite.
const GRACE_SECONDS = 1;

describe.each([
  { mode: 'standalone', redis: false },
  { mode: 'cluster', redis: true },
])('refresh grace window ($mode)', ({ redis }) => {
  let api: TestApi;
  let user: TestUser;
  beforeAll(async () => {
    api = await startTestApi({ redis, env: { REFRESH_REUSE_GRACE_SECONDS: String(GRACE_SECONDS) } });
    user = await buildUser(api.app);
  });
  afterAll(() => api.close());

  const refresh = async (refreshToken: string) => {
    const response = await api.app.inject({
      method: 'POST',
      url: '/api/auth/refresh',
      headers: { origin: TEST_ORIGIN },
      cookies: { [REFRESH_COOKIE]: refreshToken },
    });
    return {
      status: response.statusCode,
      cookie: response.cookies.find((cookie) => cookie.name === REFRESH_COOKIE)?.value,
      accessToken: response.statusCode === 200 ? response.json<{ accessToken: string }>().accessToken : '',
    };
  };
  const meStatus = async (accessToken: string) =>
    (
      await api.app.inject({
        method: 'GET',
        url: '/api/users/me',
        headers: { authorization: `Bearer ${accessToken}` },
      })
    ).statusCode;
  const familySize = async (sessionId: string) =>
    (await api.app.db.selectFrom('refresh_tokens').select('id').where('family_id', '=', sessionId).execute())
      .length;
  const afterTheWindow = () => new Promise((resolve) => setTimeout(resolve, GRACE_SECONDS * 1000 + 300));

  it('answers a replay within the window with the same successor, not a new token', async () => {
    const session = await logIn(api.app, user.email);
    const first = await refresh(session.refreshToken);
    const replay = await refresh(session.refreshToken);
    expect([first.status, replay.status]).toEqual([200, 200]);
    expect(replay.cookie).toBe(first.cookie);
    expect((await api.app.tokens.verify(replay.accessToken)).sessionId).toBe(session.sessionId);
    expect(await familySize(session.sessionId)).toBe(2);
  });

  it('takes a second replay within the window for theft: the family and its access tokens are revoked', async () => {
    const session = await logIn(api.app, user.email);
    const first = await refresh(session.refreshToken);
    const replay = await refresh(session.refreshToken);
    expect(replay.cookie).toBe(first.cookie);

    const third = await refresh(session.refreshToken);
    expect(third.status).toBe(401);
    expect(third.cookie).toBe(''); // cleared
    expect((await refresh(first.cookie!)).status).toBe(401);
    for (const token of [session.accessToken, first.accessToken, replay.accessToken]) {
      expect(await meStatus(token)).toBe(401);
    }
  });

  it('revokes the family when the token handed out by a replay is used after the window', async () => {
    const session = await logIn(api.app, user.email);
    const legitimate = await refresh(session.refreshToken);
    const stolen = await refresh(session.refreshToken); // the thief's replay, within the window
    await afterTheWindow();
    const next = await refresh(legitimate.cookie!); // the owner moves on
    expect(next.status).toBe(200);
    await afterTheWindow();

    // No branch lived on: what the thief got is no longer current, and using it ends the session.
    const theft = await refresh(stolen.cookie!);
    expect(theft.status).toBe(401);
    expect((await refresh(next.cookie!)).status).toBe(401);
    for (const token of [session.accessToken, legitimate.accessToken, stolen.accessToken, next.accessToken]) {
      expect(await meStatus(token)).toBe(401);
    }
  });

  it('revokes the family when a rotated token is used after the window', async () => {
    const session = await logIn(api.app, user.email);
    const rotated = await refresh(session.refreshToken);
    await afterTheWindow();
    expect((await refresh(session.refreshToken)).status).toBe(401);
    expect((await refresh(rotated.cookie!)).status).toBe(401);
    expect(await meStatus(rotated.accessToken)).toBe(401);
  });

  it('keeps two tabs refreshing at once signed in, on one token', async () => {
    for (let round = 0; round < 3; round++) {
      const session = await logIn(api.app, user.email);
      const tabs = await Promise.all([refresh(session.refreshToken), refresh(session.refreshToken)]);
      expect(tabs.map((tab) => tab.status)).toEqual([200, 200]);
      expect(tabs[0].cookie).toBe(tabs[1].cookie);
      for (const tab of tabs) expect(await meStatus(tab.accessToken)).toBe(200);

      // The shared cookie keeps working, then and after the window, and so do both tabs' tokens.
      const later = await refresh(tabs[0].cookie!);
      expect(later.status).toBe(200);
      await afterTheWindow();
      const muchLater = await Promise.all([refresh(later.cookie!), refresh(later.cookie!)]);
      expect(muchLater.map((tab) => tab.status)).toEqual([200, 200]);
      for (const token of [...tabs, later, ...muchLater].map((tab) => tab.accessToken)) {
        expect(await meStatus(token)).toBe(200);
      }
    }
  });
});
