import { describe, expect, it } from 'vitest';
import { REFRESH_COOKIE, REFRESH_COOKIE_PATH } from '@livechat/protocol';
import { buildUser } from '../support/factories.js';
import { useAsvsDeployment } from './support/asvs-deployment.js';
import { callOverHttp, meStatus, refreshOverHttp, setCookie, signIn } from './support/http-client.js';

/**
 * ASVS 5.0 V10 OAuth and OIDC, the items that bear on a first-party refresh token (our API is its own
 * authorization server for one public client, the web app), read with RFC 9700 §2.2.2 / §4.14.
 */
describe('ASVS V10 refresh tokens (RFC 9700)', () => {
  // No grace window: any second use of a rotated token is a replay (the window is tested on its own).
  const { api } = useAsvsDeployment({ env: { REFRESH_REUSE_GRACE_SECONDS: '0' } });

  it('V10.1.1 the refresh token goes only to the auth routes, in an HttpOnly cookie, never in a body', async () => {
    const user = await buildUser(api().app);
    const session = await signIn(api(), user.email);
    const cookie = setCookie(session.login, REFRESH_COOKIE)!;
    expect(cookie.path).toBe(REFRESH_COOKIE_PATH);
    expect(cookie).toHaveProperty('httponly');
    expect(session.login.text).not.toContain(session.refreshToken);
  });

  it('V10.4.5 refresh tokens rotate; replaying a used one revokes the whole family, access tokens included', async () => {
    const user = await buildUser(api().app);
    const first = await signIn(api(), user.email);
    const rotated = await refreshOverHttp(api(), first.refreshToken);
    const successor = rotated.session!;
    expect(successor.refreshToken).not.toBe(first.refreshToken);

    const replay = await refreshOverHttp(api(), first.refreshToken);
    expect(replay.answer.status).toBe(401);
    expect((await refreshOverHttp(api(), successor.refreshToken)).answer.status).toBe(401);
    expect(await meStatus(api(), successor.accessToken)).toBe(401);
    expect(await meStatus(api(), first.accessToken)).toBe(401);
  });

  it('V10.4.9 the user can revoke every refresh token they hold (sign out everywhere)', async () => {
    const user = await buildUser(api().app);
    const sessions = [await signIn(api(), user.email), await signIn(api(), user.email)];
    const answer = await callOverHttp(api(), 'logout', {
      refreshToken: sessions[0]!.refreshToken,
      body: { everywhere: true },
    });
    expect(answer.status).toBe(200);
    for (const session of sessions) {
      expect((await refreshOverHttp(api(), session.refreshToken)).answer.status).toBe(401);
    }
  });
});
