import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { latestMailTo, linkToken, logIn } from './support/factories.js';
import { startResendStub, resendSenderFor, type ResendStub } from './support/resend-stub.js';
import { startTestApi, TEST_ORIGIN, type TestApi } from './support/test-api.js';

const PASSWORD = 'a long enough password';
let counter = 0;
const freshEmail = () => `person-${Date.now()}-${++counter}@example.com`;

describe('registration and email verification', () => {
  let api: TestApi;
  let stub: ResendStub;
  const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
    api.app.inject({ method: 'POST', url, payload, headers });
  const register = (email: string, displayName = 'Ann Example', password = PASSWORD) =>
    post('/api/auth/register', { email, password, displayName });

  beforeAll(async () => {
    stub = await startResendStub();
    api = await startTestApi({ mailSender: resendSenderFor(stub) });
  });
  afterAll(async () => {
    await api.close();
    await stub.close();
  });

  it('mails a working verification link through Resend; verifying unlocks the verified routes', async () => {
    const email = freshEmail();
    const response = await register(email.toUpperCase());
    expect(response.statusCode).toBe(202);
    expect(response.json()).toMatchObject({ status: 'accepted' });

    const deliveriesBefore = stub.deliveries.length;
    const mails = await stub.waitForDeliveries(deliveriesBefore + 1);
    const mail = mails.find((candidate) => candidate.to === email)!;
    expect(mail.subject).toMatch(/confirm your email/i);
    const request = stub.requests.find((candidate) => candidate.body.to === email)!;
    expect(request.authorization).toBe('Bearer re_test_key');
    const queued = await latestMailTo(api.app, email);
    expect(request.idempotencyKey).toBe(queued.id);

    const token = linkToken(mail.text!, 'verify-email');
    expect(mail.text).toContain(`${TEST_ORIGIN}/verify-email?token=${token}`);
    expect(mail.html).toContain(`${TEST_ORIGIN}/verify-email?token=${token}`);

    // Unverified: may sign in and see itself, but not use the verified routes.
    const unverified = await logIn(api.app, email, PASSWORD);
    expect((await api.app.tokens.verify(unverified.accessToken)).emailVerified).toBe(false);
    const me = await api.app.inject({ url: '/api/users/me', headers: unverified.headers });
    expect(me.json()).toMatchObject({ email, emailVerified: false, displayName: 'Ann Example' });
    const refused = await api.app.inject({ url: '/api/users?q=a', headers: unverified.headers });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'email_not_verified' });

    expect((await post('/api/auth/verify-email', { token })).json()).toEqual({ ok: true });

    // A refresh carries the new state into the access token.
    const refreshed = await api.app.inject({
      method: 'POST',
      url: '/api/auth/refresh',
      headers: { origin: TEST_ORIGIN },
      cookies: { lc_refresh: unverified.refreshToken },
    });
    expect(refreshed.statusCode).toBe(200);
    const verifiedToken = refreshed.json<{ accessToken: string }>().accessToken;
    expect(refreshed.json()).toMatchObject({ user: { emailVerified: true } });
    const search = await api.app.inject({
      url: '/api/users?q=a',
      headers: { authorization: `Bearer ${verifiedToken}` },
    });
    expect(search.statusCode).toBe(200);

    // Single use.
    const again = await post('/api/auth/verify-email', { token });
    expect(again.statusCode).toBe(400);
    expect(again.json()).toMatchObject({
      code: 'invalid_token',
      detail: expect.stringMatching(/new one/) as string,
    });
  });

  it('answers a taken address exactly like a new one, changes nothing and tells the owner', async () => {
    const email = freshEmail();
    const first = await register(email);
    await latestMailTo(api.app, email);
    const second = await register(email, 'Mallory', 'another password entirely');
    expect(second.statusCode).toBe(first.statusCode);
    expect(second.json()).toEqual(first.json());

    const mail = await latestMailTo(api.app, email);
    expect(mail.subject).toBe('You already have a LiveChat account');
    expect(mail.text).toMatch(/someone — maybe you — tried to register/i);
    expect(mail.text).not.toMatch(/token=/);
    const user = await api.app.db
      .selectFrom('users')
      .select(['id', 'display_name'])
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    expect(user.display_name).toBe('Ann Example');
    await expect(logIn(api.app, email, PASSWORD)).resolves.toBeDefined();
    await expect(logIn(api.app, email, 'another password entirely')).rejects.toThrow(/login failed/);
    const tokens = await api.app.db
      .selectFrom('email_tokens')
      .select(sql<number>`count(*)::int`.as('count'))
      .where('user_id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(tokens.count).toBe(1);
  });

  it('refuses unknown, expired and malformed verification tokens', async () => {
    const email = freshEmail();
    await register(email);
    const token = linkToken((await latestMailTo(api.app, email)).text, 'verify-email');
    await api.app.db
      .updateTable('email_tokens')
      .set({ expires_at: sql<Date>`now() - interval '1 second'` })
      .where('purpose', '=', 'verify_email')
      .where('user_id', '=', api.app.db.selectFrom('users').select('id').where('email', '=', email))
      .execute();
    const expired = await post('/api/auth/verify-email', { token });
    expect(expired.json()).toMatchObject({ status: 400, code: 'invalid_token' });

    const unknown = await post('/api/auth/verify-email', { token: 'A'.repeat(43) });
    expect(unknown.json()).toMatchObject({ status: 400, code: 'invalid_token' });

    const malformed = await post('/api/auth/verify-email', { token: 'not a token!' });
    expect(malformed.json()).toMatchObject({ status: 400, code: 'validation_failed' });
  });

  it('resends verification only to unverified accounts, and only the newest link works', async () => {
    const email = freshEmail();
    await register(email);
    const oldToken = linkToken((await latestMailTo(api.app, email)).text, 'verify-email');

    const unknownAnswer = await post('/api/auth/resend-verification', { email: freshEmail() });
    const answer = await post('/api/auth/resend-verification', { email });
    expect(answer.statusCode).toBe(202);
    expect(unknownAnswer.statusCode).toBe(202);
    expect(answer.json()).toEqual(unknownAnswer.json());

    const newToken = linkToken((await latestMailTo(api.app, email)).text, 'verify-email');
    expect(newToken).not.toBe(oldToken);
    expect((await post('/api/auth/verify-email', { token: oldToken })).statusCode).toBe(400);
    expect((await post('/api/auth/verify-email', { token: newToken })).statusCode).toBe(200);

    // Verified now: a resend is accepted but mails nothing.
    const before = await latestMailTo(api.app, email);
    expect((await post('/api/auth/resend-verification', { email })).statusCode).toBe(202);
    expect((await latestMailTo(api.app, email)).id).toBe(before.id);
  });

  it('escapes what people type when it goes into a mail', async () => {
    const email = freshEmail();
    await register(email, '<b>Ann & "Co"</b>');
    const mail = await latestMailTo(api.app, email);
    expect(mail.text).toContain('Hi <b>Ann & "Co"</b>,');
    expect(mail.html).toContain('Hi &lt;b&gt;Ann &amp; &quot;Co&quot;&lt;/b&gt;,');
    expect(mail.html).not.toContain('<b>Ann');
  });
});
