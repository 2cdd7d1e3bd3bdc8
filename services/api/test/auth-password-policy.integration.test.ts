import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, latestMailTo, linkToken, logIn } from './support/factories.js';
import { startTestApi, type TestApi } from './support/test-api.js';

/**
 * A weak new password (src/auth/password-policy.ts) is refused whole: no account, no mail, no spent
 * reset link, no changed password or ended session. The checklist's V6.2.4/V6.2.11 test the answers.
 */
describe('weak new passwords leave nothing behind', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
    api.app.inject({ method: 'POST', url, payload, headers });

  it('registration: no account and no mail', async () => {
    const email = `weak-${Date.now()}@example.com`;
    const refused = await post('/api/auth/register', { email, password: 'iloveyou', displayName: 'Weak' });
    expect(refused.statusCode).toBe(400);
    expect(await api.app.db.selectFrom('users').select('id').where('email', '=', email).execute()).toEqual(
      [],
    );
    expect(
      await api.app.db.selectFrom('mail_outbox').select('id').where('to_address', '=', email).execute(),
    ).toEqual([]);
  });

  it('reset: the link is not spent, so the person can choose another password with it', async () => {
    const user = await buildUser(api.app, { displayName: 'Margaret Hamilton' });
    await post('/api/auth/forgot-password', { email: user.email });
    const token = linkToken((await latestMailTo(api.app, user.email)).text, 'reset-password');
    const session = await logIn(api.app, user.email);
    for (const weak of ['football', 'margaret hamilton rocks', 'MargaretHamilton 1969']) {
      const refused = await post('/api/auth/reset-password', { token, password: weak });
      expect([weak, refused.statusCode]).toEqual([weak, 400]);
    }
    // Nothing was ended by the refusals; the reset that follows ends every session as usual.
    expect((await api.app.inject({ url: '/api/users/me', headers: session.headers })).statusCode).toBe(200);
    const accepted = await post('/api/auth/reset-password', { token, password: 'apollo guidance computer' });
    expect(accepted.statusCode).toBe(200);
    expect((await logIn(api.app, user.email, 'apollo guidance computer')).accessToken).toBeTruthy();
  });

  it('change: the password and the other sessions stay as they were', async () => {
    const user = await buildUser(api.app);
    const [here, there] = [await logIn(api.app, user.email), await logIn(api.app, user.email)];
    const refused = await post(
      '/api/auth/change-password',
      { currentPassword: user.password, newPassword: 'LiveChat is my password' },
      here.headers,
    );
    expect(refused.statusCode).toBe(400);
    expect((await api.app.inject({ url: '/api/users/me', headers: there.headers })).statusCode).toBe(200);
    expect((await logIn(api.app, user.email)).accessToken).toBeTruthy();
  });
});
