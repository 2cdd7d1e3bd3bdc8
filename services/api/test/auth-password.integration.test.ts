import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { REFRESH_COOKIE, sessionChannel, userChannel } from '@livechat/protocol';
import { buildUser, latestMailTo, linkToken, logIn } from './support/factories.js';
import { startTestApi, TEST_ORIGIN, type TestApi } from './support/test-api.js';

const NEW_PASSWORD = 'a brand new passphrase';

describe('forgot, reset and change password', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
    api.app.inject({ method: 'POST', url, payload, headers });
  const refreshWorks = async (refreshToken: string) =>
    (
      await api.app.inject({
        method: 'POST',
        url: '/api/auth/refresh',
        headers: { origin: TEST_ORIGIN },
        cookies: { [REFRESH_COOKIE]: refreshToken },
      })
    ).statusCode === 200;
  const lastOutboxId = async () =>
    (
      await api.app.db
        .selectFrom('outbox')
        .select(sql<number>`coalesce(max(id), 0)::int`.as('id'))
        .executeTakeFirstOrThrow()
    ).id;
  const operationsSince = async (id: number) =>
    (await api.app.db.selectFrom('outbox').select('operation').where('id', '>', id).execute()).map(
      (row) => row.operation,
    );
  const requestReset = async (email: string) => {
    const response = await post('/api/auth/forgot-password', { email });
    expect(response.statusCode).toBe(202);
    return linkToken((await latestMailTo(api.app, email)).text, 'reset-password');
  };

  it('answers forgot-password the same for unknown addresses and mails nothing', async () => {
    const user = await buildUser(api.app);
    const known = await post('/api/auth/forgot-password', { email: user.email });
    const unknown = await post('/api/auth/forgot-password', { email: 'nobody-at-all@example.com' });
    expect(unknown.statusCode).toBe(202);
    expect(unknown.json()).toEqual(known.json());
    const mails = await api.app.db
      .selectFrom('mail_outbox')
      .select('subject')
      .where('to_address', '=', 'nobody-at-all@example.com')
      .execute();
    expect(mails).toEqual([]);
    const mail = await latestMailTo(api.app, user.email);
    expect(mail.subject).toMatch(/reset your livechat password/i);
    expect(mail.text).toContain(`${TEST_ORIGIN}/reset-password?token=`);
  });

  it('resets the password, ends every session, verifies the address and withdraws other links', async () => {
    const user = await buildUser(api.app, { verified: false });
    const sessions = [await logIn(api.app, user.email), await logIn(api.app, user.email)];
    const olderLink = await requestReset(user.email);
    const link = await requestReset(user.email);
    const before = await lastOutboxId();

    expect((await post('/api/auth/reset-password', { token: link, password: NEW_PASSWORD })).json()).toEqual({
      ok: true,
    });

    for (const session of sessions) expect(await refreshWorks(session.refreshToken)).toBe(false);
    expect(await operationsSince(before)).toEqual([
      expect.objectContaining({ kind: 'disconnect', channel: userChannel(user.id), code: 'unauthenticated' }),
    ]);
    await expect(logIn(api.app, user.email, user.password)).rejects.toThrow();
    const session = await logIn(api.app, user.email, NEW_PASSWORD);
    expect((await api.app.tokens.verify(session.accessToken)).emailVerified).toBe(true);
    expect((await latestMailTo(api.app, user.email)).subject).toMatch(/password was changed/i);

    for (const token of [link, olderLink]) {
      const reused = await post('/api/auth/reset-password', { token, password: 'yet another password' });
      expect(reused.statusCode).toBe(400);
      expect(reused.json()).toMatchObject({
        code: 'invalid_token',
        detail: expect.stringMatching(/new one/) as string,
      });
    }
    await expect(logIn(api.app, user.email, NEW_PASSWORD)).resolves.toBeDefined();
  });

  it('refuses an expired reset link and a verification token used as a reset link', async () => {
    const user = await buildUser(api.app);
    const link = await requestReset(user.email);
    await api.app.db
      .updateTable('email_tokens')
      .set({ expires_at: sql<Date>`now() - interval '1 second'` })
      .where('user_id', '=', user.id)
      .execute();
    const expired = await post('/api/auth/reset-password', { token: link, password: NEW_PASSWORD });
    expect(expired.json()).toMatchObject({ status: 400, code: 'invalid_token' });

    const unverified = await buildUser(api.app, { verified: false });
    await post('/api/auth/resend-verification', { email: unverified.email });
    const verifyToken = linkToken((await latestMailTo(api.app, unverified.email)).text, 'verify-email');
    const wrongPurpose = await post('/api/auth/reset-password', {
      token: verifyToken,
      password: NEW_PASSWORD,
    });
    expect(wrongPurpose.json()).toMatchObject({ code: 'invalid_token' });
    await expect(logIn(api.app, user.email, user.password)).resolves.toBeDefined();
  });

  it('refuses a too-short new password without using the link up', async () => {
    const user = await buildUser(api.app);
    const link = await requestReset(user.email);
    const short = await post('/api/auth/reset-password', { token: link, password: 'short' });
    expect(short.json()).toMatchObject({ status: 400, code: 'validation_failed' });
    expect((await post('/api/auth/reset-password', { token: link, password: NEW_PASSWORD })).statusCode).toBe(
      200,
    );
  });

  describe('change password', () => {
    it('needs the current password: a wrong one is 403 and changes nothing', async () => {
      const user = await buildUser(api.app);
      const session = await logIn(api.app, user.email);
      const response = await post(
        '/api/auth/change-password',
        { currentPassword: 'not my password', newPassword: NEW_PASSWORD },
        session.headers,
      );
      expect(response.json()).toMatchObject({ status: 403, code: 'forbidden' });
      expect(await refreshWorks(session.refreshToken)).toBe(true);
      await expect(logIn(api.app, user.email, user.password)).resolves.toBeDefined();
    });

    it('keeps this session, ends the others, disconnects their sockets and withdraws reset links', async () => {
      const user = await buildUser(api.app);
      const current = await logIn(api.app, user.email);
      const others = [await logIn(api.app, user.email), await logIn(api.app, user.email)];
      const resetLink = await requestReset(user.email);
      const before = await lastOutboxId();

      const response = await post(
        '/api/auth/change-password',
        { currentPassword: user.password, newPassword: NEW_PASSWORD },
        current.headers,
      );
      expect(response.json()).toEqual({ ok: true });

      expect(await refreshWorks(current.refreshToken)).toBe(true);
      for (const other of others) expect(await refreshWorks(other.refreshToken)).toBe(false);
      const channels = (await operationsSince(before)).map(
        (operation) => (operation as { channel: string }).channel,
      );
      expect(channels.sort()).toEqual(others.map((other) => sessionChannel(other.sessionId)).sort());
      expect(
        (await post('/api/auth/reset-password', { token: resetLink, password: 'x'.repeat(12) })).statusCode,
      ).toBe(400);
      await expect(logIn(api.app, user.email, NEW_PASSWORD)).resolves.toBeDefined();
      expect((await latestMailTo(api.app, user.email)).subject).toMatch(/password was changed/i);
    });

    it('is open to unverified accounts and closed to anonymous callers', async () => {
      const user = await buildUser(api.app, { verified: false });
      const allowed = await post(
        '/api/auth/change-password',
        { currentPassword: user.password, newPassword: NEW_PASSWORD },
        user.headers,
      );
      expect(allowed.statusCode).toBe(200);
      const anonymous = await post('/api/auth/change-password', {
        currentPassword: NEW_PASSWORD,
        newPassword: 'whatever it is',
      });
      expect(anonymous.json()).toMatchObject({ status: 401, code: 'unauthenticated' });
    });
  });
});
