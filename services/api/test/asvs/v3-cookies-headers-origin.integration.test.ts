import { describe, expect, it } from 'vitest';
import { REFRESH_COOKIE, SECURE_REFRESH_COOKIE, SESSION_MARKER_COOKIE } from '@livechat/protocol';
import { buildUser } from '../support/factories.js';
import { TEST_ORIGIN, type TestApi } from '../support/test-api.js';
import { answerSamples } from './support/answer-samples.js';
import { useAsvsDeployment } from './support/asvs-deployment.js';
import {
  callOverHttp,
  fetchOnWire,
  meStatus,
  refreshOverHttp,
  setCookie,
  signIn,
} from './support/http-client.js';

const FOREIGN_ORIGIN = 'https://evil.example';

/**
 * ASVS 5.0 V3 Web Frontend Security, the level-2 items on the session cookie, response headers and
 * request forgery (the session's part of V3; the page itself is the web app's, tested in a browser).
 */
describe('ASVS V3 cookies, headers and origin', () => {
  const { api } = useAsvsDeployment();
  /** Runs `check` on `header` of one answer of every kind (see answerSamples), naming the kind that fails. */
  const expectOnEveryAnswer = async (header: string, check: (value: string, kind: string) => void) => {
    for (const [kind, answer] of await answerSamples(api(), await buildUser(api().app))) {
      const value = answer.headers.get(header);
      expect(value, `${header} of ${kind}`).not.toBeNull();
      check(value!, kind);
    }
  };

  it('V3.3.2 both session cookies are SameSite=Strict', async () => {
    const { login } = await signIn(api(), (await buildUser(api().app)).email);
    for (const name of [REFRESH_COOKIE, SESSION_MARKER_COOKIE]) {
      expect([name, setCookie(login, name)?.samesite]).toEqual([name, 'Strict']);
    }
  });

  it('V3.3.4 the refresh cookie is HttpOnly and its value travels only in Set-Cookie', async () => {
    const session = await signIn(api(), (await buildUser(api().app)).email);
    expect(setCookie(session.login, REFRESH_COOKIE)).toHaveProperty('httponly');
    expect(session.login.text).not.toContain(session.refreshToken);
    const refreshed = await refreshOverHttp(api(), session.refreshToken);
    expect(refreshed.answer.text).not.toContain(refreshed.session!.refreshToken);
  });

  it('V3.4.2 no CORS grant: another origin gets no Access-Control-Allow-Origin, preflight or not', async () => {
    const user = await buildUser(api().app);
    const simple = await callOverHttp(api(), 'me', {
      token: user.token,
      headers: { origin: FOREIGN_ORIGIN },
    });
    const preflight = await fetchOnWire(api(), '/api/users/me', {
      method: 'OPTIONS',
      headers: {
        origin: FOREIGN_ORIGIN,
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
      },
    });
    for (const answer of [simple, preflight]) {
      expect(answer.headers.get('access-control-allow-origin')).toBeNull();
      expect(answer.headers.get('access-control-allow-credentials')).toBeNull();
    }
  });

  it('V3.4.3 every response carries a Content-Security-Policy with object-src and base-uri none', async () => {
    await expectOnEveryAnswer('content-security-policy', (policy, kind) => {
      expect(policy, kind).toContain("object-src 'none'");
      expect(policy, kind).toContain("base-uri 'none'");
    });
  });

  it('V3.4.4 every response carries X-Content-Type-Options: nosniff', async () => {
    await expectOnEveryAnswer('x-content-type-options', (value, kind) => expect(value, kind).toBe('nosniff'));
  });

  it('V3.4.5 every response carries a Referrer-Policy that sends no URL to others', async () => {
    await expectOnEveryAnswer('referrer-policy', (value, kind) => expect(value, kind).toBe('no-referrer'));
  });

  it('V3.4.6 every response forbids framing with CSP frame-ancestors', async () => {
    await expectOnEveryAnswer('content-security-policy', (policy, kind) =>
      expect(policy, kind).toContain("frame-ancestors 'none'"),
    );
  });

  it('V3.5.1 the cookie routes (refresh, logout) refuse requests from another origin or none, and change nothing', async () => {
    const session = await signIn(api(), (await buildUser(api().app)).email);
    for (const origin of [FOREIGN_ORIGIN, null, 'null']) {
      for (const name of ['refresh', 'logout'] as const) {
        const answer = await callOverHttp(api(), name, {
          refreshToken: session.refreshToken,
          body: {},
          headers: { origin },
        });
        expect([name, origin, answer.status, answer.body]).toMatchObject([
          name,
          origin,
          403,
          { code: 'origin_not_allowed' },
        ]);
      }
    }
    expect(await meStatus(api(), session.accessToken)).toBe(200);
    expect((await refreshOverHttp(api(), session.refreshToken)).answer.status).toBe(200);
  });

  it('V3.5.2 a CORS-safelisted request cannot reach a route: non-JSON bodies are 415, so a form post never runs', async () => {
    const session = await signIn(api(), (await buildUser(api().app)).email);
    for (const contentType of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ]) {
      const answer = await callOverHttp(api(), 'logout', {
        refreshToken: session.refreshToken,
        body: 'everywhere=true',
        headers: { 'content-type': contentType, origin: FOREIGN_ORIGIN },
      });
      expect([contentType, answer.status]).toEqual([contentType, 415]);
    }
    expect(await meStatus(api(), session.accessToken)).toBe(200);
  });

  it('V3.5.3 changes of state answer only to their unsafe method: GET logout or refresh does nothing', async () => {
    const session = await signIn(api(), (await buildUser(api().app)).email);
    for (const name of ['logout', 'refresh'] as const) {
      const answer = await callOverHttp(api(), name, { method: 'GET', refreshToken: session.refreshToken });
      expect([name, answer.status]).toEqual([name, 404]);
    }
    expect((await refreshOverHttp(api(), session.refreshToken)).answer.status).toBe(200);
  });
});

/**
 * The same deployment served over https (PUBLIC_URL https://…, TLS terminated in front of the API): the
 * refresh cookie takes the `__Secure-` prefix and every answer carries HSTS. The describe block above is
 * the http case (a laptop, the bare-metal script), which keeps today's plain cookie and sends no HSTS.
 */
describe('ASVS V3 over https', () => {
  const { api } = useAsvsDeployment({
    env: { PUBLIC_URL: 'https://chat.test', ALLOWED_ORIGINS: TEST_ORIGIN },
  });
  const { api: overHttp } = useAsvsDeployment();

  const loginOn = async (deployment: TestApi) => {
    const user = await buildUser(deployment.app);
    const login = await callOverHttp(deployment, 'login', {
      body: { email: user.email, password: user.password },
    });
    expect(login.status).toBe(200);
    return login;
  };

  it('V3.3.1 V3.3.3 the refresh cookie is __Secure- prefixed and Secure over https, plain over http', async () => {
    const login = await loginOn(api());
    const cookie = setCookie(login, SECURE_REFRESH_COOKIE);
    expect(cookie).toMatchObject({ path: '/api/auth', samesite: 'Strict' });
    expect(cookie).toHaveProperty('secure');
    expect(cookie).toHaveProperty('httponly');
    expect(setCookie(login, REFRESH_COOKIE)).toBeUndefined();

    // Only the prefixed name is honoured: the same token under the plain name is no session.
    const withCookie = (name: string) =>
      callOverHttp(api(), 'refresh', { headers: { cookie: `${name}=${cookie!.value}` } });
    expect((await withCookie(REFRESH_COOKIE)).status).toBe(401);
    const refreshed = await withCookie(SECURE_REFRESH_COOKIE);
    expect(refreshed.status).toBe(200);
    expect(setCookie(refreshed, SECURE_REFRESH_COOKIE)?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const plain = await loginOn(overHttp());
    expect(setCookie(plain, REFRESH_COOKIE)).not.toHaveProperty('secure');
    expect(setCookie(plain, SECURE_REFRESH_COOKIE)).toBeUndefined();
  });

  it('V3.4.1 every response over https carries Strict-Transport-Security for a year and subdomains; http none', async () => {
    for (const [kind, answer] of await answerSamples(api(), await buildUser(api().app))) {
      const hsts = answer.headers.get('strict-transport-security');
      expect(hsts, kind).not.toBeNull();
      expect(Number(/max-age=(\d+)/.exec(hsts!)?.[1]), kind).toBeGreaterThanOrEqual(31_536_000);
      expect(hsts, kind).toContain('includeSubDomains');
    }
    for (const [kind, answer] of await answerSamples(overHttp(), await buildUser(overHttp().app))) {
      expect(answer.headers.get('strict-transport-security'), kind).toBeNull();
    }
  });
});
