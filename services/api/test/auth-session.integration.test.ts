import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { SignJWT, UnsecuredJWT } from 'jose';
import { generateSigningKeyPair, importSigningKey, signAccessToken } from '@livechat/access-token';
import {
  ACCESS_TOKEN_TYPE,
  TOKEN_ALGORITHM,
  REFRESH_COOKIE,
  TOKEN_AUDIENCE,
  TOKEN_ISSUER,
  sessionChannel,
  userChannel,
} from '@livechat/protocol';
import { buildUser, logIn, type TestUser } from './support/factories.js';
import { startTestApi, TEST_ORIGIN, type TestApi } from './support/test-api.js';

describe('sessions: login, refresh, logout', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  /** `origin: null` sends no Origin header. */
  const refresh = (refreshToken: string | undefined, origin: string | null = TEST_ORIGIN) =>
    api.app.inject({
      method: 'POST',
      url: '/api/auth/refresh',
      headers: origin ? { origin } : {},
      cookies: refreshToken ? { [REFRESH_COOKIE]: refreshToken } : {},
    });
  const logout = (
    options: { refreshToken?: string; everywhere?: boolean; headers?: Record<string, string> } = {},
  ) =>
    api.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { origin: TEST_ORIGIN, ...options.headers },
      cookies: options.refreshToken ? { [REFRESH_COOKIE]: options.refreshToken } : {},
      payload: options.everywhere === undefined ? {} : { everywhere: options.everywhere },
    });
  const refreshCookieOf = (response: { cookies: { name: string; value: string }[] }) =>
    response.cookies.find((cookie) => cookie.name === REFRESH_COOKIE);
  const outboxSince = async (id: number) =>
    (await api.app.db.selectFrom('outbox').select(['id', 'operation']).where('id', '>', id).execute()).map(
      (row) => row.operation,
    );
  const lastOutboxId = async () =>
    (
      await api.app.db
        .selectFrom('outbox')
        .select(sql<number>`coalesce(max(id), 0)::int`.as('id'))
        .executeTakeFirstOrThrow()
    ).id;

  let user: TestUser;
  beforeAll(async () => {
    user = await buildUser(api.app, { displayName: 'Session Tester' });
  });

  describe('login', () => {
    it('answers an access token for the session and sets a strict HttpOnly refresh cookie', async () => {
      const response = await api.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: user.email.toUpperCase(), password: user.password },
      });
      expect(response.statusCode).toBe(200);
      const body = response.json<{ accessToken: string; expiresAt: string; user: object }>();
      expect(body.user).toMatchObject({ id: user.id, email: user.email, emailVerified: true });
      const claims = await api.app.tokens.verify(body.accessToken);
      expect(claims).toMatchObject({ userId: user.id, emailVerified: true });
      expect(new Date(body.expiresAt).getTime()).toBe(claims.expiresAt.getTime());

      const header = String(response.headers['set-cookie']);
      expect(header).toMatch(/HttpOnly/);
      expect(header).toMatch(/SameSite=Strict/);
      expect(header).toMatch(/Path=\/api\/auth/);
      expect(header).toMatch(new RegExp(`Max-Age=${api.config.REFRESH_TOKEN_TTL_SECONDS}`));
      expect(header).not.toMatch(/Secure/); // http on a laptop: browsers would drop a Secure cookie
      const cookie = refreshCookieOf(response)!;
      expect(cookie.value).toMatch(/^[A-Za-z0-9_-]{43}$/);

      // The session id in the token is the refresh family; only a hash of the cookie is stored.
      const row = await api.app.db
        .selectFrom('refresh_tokens')
        .selectAll()
        .where('family_id', '=', claims.sessionId)
        .executeTakeFirstOrThrow();
      expect(row.user_id).toBe(user.id);
      expect(Buffer.from(row.token_hash).toString('base64url')).not.toBe(cookie.value);
    });

    it('marks the cookie Secure when the app is served over https', async () => {
      const https = await startTestApi({
        database: api.database,
        env: { PUBLIC_URL: 'https://chat.example' },
      });
      try {
        const response = await https.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { email: user.email, password: user.password },
        });
        expect(String(response.headers['set-cookie'])).toMatch(/; Secure/);
      } finally {
        await https.close();
      }
    });

    it('answers an unknown address exactly like a wrong password', async () => {
      const wrongPassword = await api.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: user.email, password: 'not the password' },
      });
      const unknown = await api.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'nobody-here@example.com', password: 'not the password' },
      });
      for (const response of [wrongPassword, unknown]) {
        expect(response.statusCode).toBe(401);
        expect(response.headers['set-cookie']).toBeUndefined();
      }
      const strip = (body: Record<string, unknown>) => ({ ...body, requestId: undefined });
      expect(strip(unknown.json())).toEqual(strip(wrongPassword.json()));
      expect(unknown.json()).toMatchObject({ code: 'invalid_credentials' });
    });
  });

  describe('refresh', () => {
    it('rotates the cookie within the same session', async () => {
      const session = await logIn(api.app, user.email);
      const response = await refresh(session.refreshToken);
      expect(response.statusCode).toBe(200);
      const next = refreshCookieOf(response)!.value;
      expect(next).not.toBe(session.refreshToken);
      const claims = await api.app.tokens.verify(response.json<{ accessToken: string }>().accessToken);
      expect(claims.sessionId).toBe(session.sessionId);
      const rows = await api.app.db
        .selectFrom('refresh_tokens')
        .select(['rotated_at', 'revoked_at'])
        .where('family_id', '=', session.sessionId)
        .orderBy('created_at')
        .execute();
      expect(rows).toHaveLength(2);
      expect(rows[0]!.rotated_at).not.toBeNull();
      expect(rows[1]).toEqual({ rotated_at: null, revoked_at: null });
      expect((await refresh(next)).statusCode).toBe(200);
    });

    it('never extends a session past SESSION_MAX_AGE_SECONDS after its sign-in, however often it is refreshed', async () => {
      // ASVS V7.3.2: each refresh renews the token's TTL (30 days), capped at the sign-in plus the max age.
      const session = await logIn(api.app, user.email);
      const maxAge = api.app.config.SESSION_MAX_AGE_SECONDS;
      // Signed in maxAge − 10 s ago: the successor may live 10 s more, not another 30 days.
      // created_at is not updatable through the schema's types (nothing else may move it): raw SQL.
      await sql`update refresh_tokens set created_at = now() - make_interval(secs => ${maxAge - 10})
        where family_id = ${session.sessionId}`.execute(api.app.db);
      expect((await refresh(session.refreshToken)).statusCode).toBe(200);
      const current = await api.app.db
        .selectFrom('refresh_tokens')
        .select(sql<number>`extract(epoch from expires_at - now())::float8`.as('secondsLeft'))
        .where('family_id', '=', session.sessionId)
        .where('rotated_at', 'is', null)
        .executeTakeFirstOrThrow();
      expect(current.secondsLeft).toBeGreaterThan(0);
      expect(current.secondsLeft).toBeLessThanOrEqual(10);
    });

    it('keeps two tabs refreshing with the same cookie at once both signed in', async () => {
      const session = await logIn(api.app, user.email);
      const [first, second] = await Promise.all([
        refresh(session.refreshToken),
        refresh(session.refreshToken),
      ]);
      expect([first.statusCode, second.statusCode]).toEqual([200, 200]);
      // One rotation; the second tab gets the same successor (auth-refresh-grace test), nothing revoked.
      expect(refreshCookieOf(second)!.value).toBe(refreshCookieOf(first)!.value);
      const rows = await api.app.db
        .selectFrom('refresh_tokens')
        .select(['rotated_at', 'revoked_at'])
        .where('family_id', '=', session.sessionId)
        .execute();
      expect(rows).toHaveLength(2);
      expect(rows.filter((row) => row.rotated_at !== null)).toHaveLength(1);
      expect(rows.every((row) => row.revoked_at === null)).toBe(true);
      expect((await refresh(refreshCookieOf(first)!.value)).statusCode).toBe(200);
    });

    it('takes a rotated token presented after the grace window for theft: the whole session ends', async () => {
      const session = await logIn(api.app, user.email);
      const stolen = session.refreshToken;
      const legitimate = refreshCookieOf(await refresh(stolen))!.value;
      await api.app.db
        .updateTable('refresh_tokens')
        .set({ rotated_at: sql<Date>`now() - interval '1 minute'` })
        .where('family_id', '=', session.sessionId)
        .where('rotated_at', 'is not', null)
        .execute();
      const before = await lastOutboxId();

      const reuse = await refresh(stolen);
      expect(reuse.statusCode).toBe(401);
      expect(reuse.json()).toMatchObject({ code: 'unauthenticated' });
      expect(refreshCookieOf(reuse)?.value).toBe(''); // cleared
      const dead = await refresh(legitimate);
      expect(dead.statusCode).toBe(401);
      expect(await outboxSince(before)).toEqual([
        expect.objectContaining({ kind: 'disconnect', channel: sessionChannel(session.sessionId) }),
      ]);
      // Other sessions of the user are untouched.
      const other = await logIn(api.app, user.email);
      expect((await refresh(other.refreshToken)).statusCode).toBe(200);
    });

    it('refuses and clears missing, malformed, unknown and expired refresh cookies', async () => {
      const expired = await logIn(api.app, user.email);
      await api.app.db
        .updateTable('refresh_tokens')
        .set({ expires_at: sql<Date>`now() - interval '1 second'` })
        .where('family_id', '=', expired.sessionId)
        .execute();
      for (const cookie of [undefined, 'short', 'x'.repeat(43) + '!', 'A'.repeat(43), expired.refreshToken]) {
        const response = await refresh(cookie);
        expect(response.statusCode).toBe(401);
        expect(response.json()).toMatchObject({ code: 'unauthenticated' });
        expect(String(response.headers['set-cookie'])).toMatch(/lc_refresh=;.*Expires=Thu, 01 Jan 1970/);
      }
    });

    it('refuses requests without our Origin (CSRF)', async () => {
      const session = await logIn(api.app, user.email);
      for (const origin of [null, 'https://evil.example', 'null', `${TEST_ORIGIN}.evil.example`]) {
        const response = await refresh(session.refreshToken, origin);
        expect(response.statusCode).toBe(403);
        expect(response.json()).toMatchObject({ code: 'origin_not_allowed' });
      }
      // Nothing was rotated by the refused attempts.
      expect((await refresh(session.refreshToken)).statusCode).toBe(200);
    });
  });

  describe('logout', () => {
    it('ends this session only, clears the cookie and disconnects its sockets', async () => {
      const here = await logIn(api.app, user.email);
      const elsewhere = await logIn(api.app, user.email);
      const before = await lastOutboxId();
      const response = await logout({ refreshToken: here.refreshToken });
      expect(response.json()).toEqual({ ok: true });
      expect(refreshCookieOf(response)?.value).toBe('');
      expect((await refresh(here.refreshToken)).statusCode).toBe(401);
      expect((await refresh(elsewhere.refreshToken)).statusCode).toBe(200);
      expect(await outboxSince(before)).toEqual([
        {
          kind: 'disconnect',
          channel: sessionChannel(here.sessionId),
          code: 'unauthenticated',
          message: expect.any(String) as string,
        },
      ]);
    });

    it('ends every session with everywhere, disconnecting all of the user’s sockets', async () => {
      const someone = await buildUser(api.app);
      const sessions = [await logIn(api.app, someone.email), await logIn(api.app, someone.email)];
      const bystander = await logIn(api.app, user.email);
      const before = await lastOutboxId();
      const response = await logout({ refreshToken: sessions[0]!.refreshToken, everywhere: true });
      expect(response.statusCode).toBe(200);
      for (const session of sessions) expect((await refresh(session.refreshToken)).statusCode).toBe(401);
      expect((await refresh(bystander.refreshToken)).statusCode).toBe(200);
      const operations = await outboxSince(before);
      expect(operations).toEqual([
        expect.objectContaining({ kind: 'disconnect', channel: userChannel(someone.id) }),
      ]);
      await api.app.events.settled(); // the answer does not wait for the publish
      const published = await api.app.db
        .selectFrom('outbox')
        .select('published_at')
        .where('id', '>', before)
        .executeTakeFirstOrThrow();
      expect(published.published_at).not.toBeNull();
    });

    it('works with the access token alone, and is harmless without any session', async () => {
      const session = await logIn(api.app, user.email);
      expect((await logout({ headers: session.headers })).statusCode).toBe(200);
      expect((await refresh(session.refreshToken)).statusCode).toBe(401);

      expect((await logout()).json()).toEqual({ ok: true });
      expect((await logout({ refreshToken: session.refreshToken })).json()).toEqual({ ok: true });
    });

    it('refuses a foreign Origin', async () => {
      const session = await logIn(api.app, user.email);
      const response = await logout({
        refreshToken: session.refreshToken,
        headers: { origin: 'https://evil.example' },
      });
      expect(response.json()).toMatchObject({ status: 403, code: 'origin_not_allowed' });
      expect((await refresh(session.refreshToken)).statusCode).toBe(200);
    });
  });

  describe('access tokens on /api/users/me', () => {
    const me = (authorization: string) =>
      api.app.inject({ url: '/api/users/me', headers: { authorization } });
    const claims = () =>
      new SignJWT({ sid: 'session', ev: true })
        .setSubject(user.id)
        .setIssuer(TOKEN_ISSUER)
        .setAudience(TOKEN_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime('5m');

    it('accepts a valid token', async () => {
      expect((await me(`Bearer ${user.token}`)).json()).toMatchObject({ id: user.id });
    });

    it('refuses an expired token as token_expired', async () => {
      const { token } = await signAccessToken(
        api.deps.keys.signingKey,
        { userId: user.id, sessionId: 'session', emailVerified: true, displayName: user.displayName },
        60,
        new Date(Date.now() - 3600_000),
      );
      expect((await me(`Bearer ${token}`)).json()).toMatchObject({ status: 401, code: 'token_expired' });
    });

    it('refuses forged, wrongly typed, unsigned and malformed tokens', async () => {
      const other = await generateSigningKeyPair();
      const otherKey = await importSigningKey(other.privateKeyPem, api.deps.keys.signingKey.kid);
      const forged = await claims()
        .setProtectedHeader({ alg: TOKEN_ALGORITHM, kid: otherKey.kid, typ: ACCESS_TOKEN_TYPE })
        .sign(otherKey.privateKey);
      const wrongType = await claims()
        .setProtectedHeader({ alg: TOKEN_ALGORITHM, kid: api.deps.keys.signingKey.kid, typ: 'JWT' })
        .sign(api.deps.keys.signingKey.privateKey);
      const unsigned = new UnsecuredJWT({ sid: 'session', ev: true })
        .setSubject(user.id)
        .setIssuer(TOKEN_ISSUER)
        .setAudience(TOKEN_AUDIENCE)
        .setExpirationTime('5m')
        .encode();
      for (const authorization of [
        `Bearer ${forged}`,
        `Bearer ${wrongType}`,
        `Bearer ${unsigned}`,
        'Bearer not.a.token',
        `Basic ${Buffer.from('a:b').toString('base64')}`,
      ]) {
        const response = await me(authorization);
        expect(response.statusCode).toBe(401);
        expect(response.json()).toMatchObject({ code: 'unauthenticated' });
      }
      expect((await api.app.inject({ url: '/api/users/me' })).json()).toMatchObject({
        code: 'unauthenticated',
      });
    });
  });
});
