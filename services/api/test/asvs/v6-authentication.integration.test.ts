import { describe, expect, it } from 'vitest';
import { buildUser, DEFAULT_PASSWORD } from '../support/factories.js';
import { failLogins, LOGIN_LIMIT_ENV, mailedToken, register, registered } from './support/accounts.js';
import { useAsvsDeployment } from './support/asvs-deployment.js';
import { callOverHttp, signIn } from './support/http-client.js';

const NEW_PASSWORD = 'a new passphrase for the checklist';

/** ASVS 5.0 V6 Authentication, level 2: passwords, brute force, activation and reset. */
describe('ASVS V6 authentication', () => {
  // Requests from loopback are the proxy's: X-Forwarded-For names the address, as behind nginx.
  const { api } = useAsvsDeployment({ env: { ...LOGIN_LIMIT_ENV, TRUST_PROXY: '127.0.0.1' } });
  const loginStatus = async (email: string, password: string, headers: Record<string, string> = {}) =>
    (await callOverHttp(api(), 'login', { body: { email, password }, headers })).status;

  it('V6.2.1 a password shorter than 8 characters is refused at registration; 8 are accepted', async () => {
    const short = await register(api(), '7 chars');
    expect(short.answer.status).toBe(400);
    expect(short.answer.body).toMatchObject({ code: 'validation_failed' });
    expect((await register(api(), '8 chars!')).answer.status).toBe(202);
  });

  it('V6.2.2 a signed-in user can change their password and then signs in with the new one', async () => {
    const user = await buildUser(api().app);
    const { accessToken } = await signIn(api(), user.email);
    const change = await callOverHttp(api(), 'changePassword', {
      token: accessToken,
      body: { currentPassword: DEFAULT_PASSWORD, newPassword: NEW_PASSWORD },
    });
    expect(change.status).toBe(200);
    expect(await loginStatus(user.email, NEW_PASSWORD)).toBe(200);
  });

  it('V6.2.3 changing the password needs the current one: missing is 400, wrong is 403 and changes nothing', async () => {
    const user = await buildUser(api().app);
    const { accessToken } = await signIn(api(), user.email);
    const change = (body: Record<string, string>) =>
      callOverHttp(api(), 'changePassword', { token: accessToken, body });
    expect((await change({ newPassword: NEW_PASSWORD })).status).toBe(400);
    expect((await change({ currentPassword: 'not my password', newPassword: NEW_PASSWORD })).status).toBe(
      403,
    );
    expect(await loginStatus(user.email, DEFAULT_PASSWORD)).toBe(200);
  });

  /** The three ways to set a password, each with `password` as the new one: what each answers. */
  async function setPasswordEverywhere(password: string, displayName = 'Checklist User') {
    const registration = (await register(api(), password, displayName)).answer;
    const user = await buildUser(api().app, { displayName });
    const { accessToken } = await signIn(api(), user.email);
    const change = await callOverHttp(api(), 'changePassword', {
      token: accessToken,
      body: { currentPassword: DEFAULT_PASSWORD, newPassword: password },
    });
    await callOverHttp(api(), 'forgotPassword', { body: { email: user.email } });
    const token = await mailedToken(api(), user.email, 'reset-password');
    const reset = await callOverHttp(api(), 'resetPassword', { body: { token, password } });
    return { user, answers: { registration, change, reset } };
  }

  const expectRefusedNamingTheField = (
    answers: Awaited<ReturnType<typeof setPasswordEverywhere>>['answers'],
    reason: RegExp,
  ) => {
    const fields = { registration: 'body.password', change: 'body.newPassword', reset: 'body.password' };
    for (const [route, answer] of Object.entries(answers)) {
      expect([route, answer.status, answer.headers.get('content-type')]).toEqual([
        route,
        400,
        expect.stringContaining('application/problem+json'),
      ]);
      const problem = answer.body as { code: string; errors: { field: string; message: string }[] };
      expect([route, problem.code, problem.errors[0]?.field]).toEqual([
        route,
        'validation_failed',
        fields[route as keyof typeof fields],
      ]);
      expect(problem.errors[0]?.message, route).toMatch(reason);
    }
  };

  it('V6.2.4 a password among the 10,000 most common is refused at registration, change and reset', async () => {
    for (const common of ['password1', 'Iloveyou1', 'qwertyuiop']) {
      const { user, answers } = await setPasswordEverywhere(common);
      expectRefusedNamingTheField(answers, /most common/);
      // The change and the reset were refused whole: the old password still signs in.
      expect(await loginStatus(user.email, DEFAULT_PASSWORD)).toBe(200);
    }
  });

  it('V6.2.11 V6.1.2 a password containing the email name, the display name or "livechat" is refused', async () => {
    const { user, answers } = await setPasswordEverywhere('my LiveChat passphrase');
    expectRefusedNamingTheField(answers, /must not contain/);
    expect(await loginStatus(user.email, DEFAULT_PASSWORD)).toBe(200);
    expectRefusedNamingTheField(
      (await setPasswordEverywhere('the marvellous Grace Hopper', 'Grace Hopper')).answers,
      /must not contain/,
    );
    const emailName = await buildUser(api().app);
    const localPart = emailName.email.split('@')[0]!;
    const change = await callOverHttp(api(), 'changePassword', {
      token: (await signIn(api(), emailName.email)).accessToken,
      body: { currentPassword: DEFAULT_PASSWORD, newPassword: `secret ${localPart.toUpperCase()} words` },
    });
    expect(change.body).toMatchObject({ errors: [{ field: 'body.newPassword' }] });
  });

  it('V6.2.5 passwords of any composition are accepted (no character-class rules)', async () => {
    for (const password of ['only lower case words', '1234 5678 9012', '🙂 émoji ünïcode 密码 phrase']) {
      const email = await registered(api(), password);
      expect(await loginStatus(email, password)).toBe(200);
    }
  });

  it('V6.2.8 the password is verified exactly as typed: no trimming, case folding or truncation', async () => {
    const password = 'Exact Passphrase With Trailing Space ';
    const email = await registered(api(), password);
    // Each guess from its own address, so that the per-address failure limit (3) stays out of the way.
    const near = [password.toLowerCase(), password.trimEnd(), password.slice(0, 20)];
    for (const [index, guess] of near.entries()) {
      expect(await loginStatus(email, guess, { 'x-forwarded-for': `192.0.2.${index + 1}` })).toBe(401);
    }
    expect(await loginStatus(email, password)).toBe(200);
  });

  it('V6.2.9 passwords of 64 characters and more (up to 256) are accepted', async () => {
    for (const length of [64, 256]) {
      const password = `${length} characters: `.padEnd(length, 'x');
      expect(password).toHaveLength(length);
      const email = await registered(api(), password);
      expect(await loginStatus(email, password)).toBe(200);
    }
  });

  it('V6.3.1 guessing from one address is stopped there (429) while the owner still signs in from theirs', async () => {
    const owner = await buildUser(api().app);
    const attacker = { 'x-forwarded-for': '203.0.113.7' };
    expect(await failLogins(api(), owner.email, 3, () => attacker)).toEqual([401, 401, 401]);
    const blocked = await callOverHttp(api(), 'login', {
      body: { email: owner.email, password: DEFAULT_PASSWORD },
      headers: attacker,
    });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await loginStatus(owner.email, DEFAULT_PASSWORD, { 'x-forwarded-for': '198.51.100.20' })).toBe(
      200,
    );
  });

  it('V6.4.1 the activation (verification) link is random, 256-bit and works once', async () => {
    const email = await registered(api(), DEFAULT_PASSWORD);
    const token = await mailedToken(api(), email, 'verify-email');
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes
    expect((await callOverHttp(api(), 'verifyEmail', { body: { token } })).status).toBe(200);
    const again = await callOverHttp(api(), 'verifyEmail', { body: { token } });
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ code: 'invalid_token' });
  });

  it('V6.4.3 a reset link sets a new password once; the old password stops working', async () => {
    const user = await buildUser(api().app);
    expect((await callOverHttp(api(), 'forgotPassword', { body: { email: user.email } })).status).toBe(202);
    const token = await mailedToken(api(), user.email, 'reset-password');
    const reset = () => callOverHttp(api(), 'resetPassword', { body: { token, password: NEW_PASSWORD } });
    expect((await reset()).status).toBe(200);
    expect((await reset()).body).toMatchObject({ code: 'invalid_token' });
    expect(await loginStatus(user.email, DEFAULT_PASSWORD)).toBe(401);
    expect(await loginStatus(user.email, NEW_PASSWORD)).toBe(200);
  });
});
