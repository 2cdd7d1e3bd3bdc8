import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import {
  connectReady,
  disconnected,
  openSocket,
  refusalOf,
} from '../../../gateway/test/support/socket-client.js';
import type { SessionList } from '@livechat/protocol';
import { buildUser, DEFAULT_PASSWORD } from '../support/factories.js';
import { mailedToken } from './support/accounts.js';
import { useAsvsDeployment } from './support/asvs-deployment.js';
import { callOverHttp, meStatus, refreshOverHttp, signIn, type WireSession } from './support/http-client.js';

/** ASVS 5.0 V7 Session Management, level 2: sessions are new, random, and end everywhere when they end. */
describe('ASVS V7 session management', () => {
  const { api, gatewayUrl, track } = useAsvsDeployment({ gateway: true });

  /** A session is over when its access token, its refresh token and its socket are all refused. */
  async function expectEnded(session: WireSession, socketClosed?: Promise<string>) {
    expect(await meStatus(api(), session.accessToken)).toBe(401);
    expect((await refreshOverHttp(api(), session.refreshToken)).answer.status).toBe(401);
    if (socketClosed) expect(await socketClosed).toBe('io server disconnect');
    const handshake = await refusalOf(track(openSocket(gatewayUrl(), session.accessToken)));
    expect(handshake.code).toBe('unauthenticated');
  }

  it('V7.2.2 every sign-in gets tokens of its own, generated then (no static secret)', async () => {
    const user = await buildUser(api().app);
    const [first, second] = [await signIn(api(), user.email), await signIn(api(), user.email)];
    expect(second.accessToken).not.toBe(first.accessToken);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.sessionId).not.toBe(first.sessionId);
  });

  it('V7.2.3 the refresh (reference) token is 256 random bits, unique across sessions', async () => {
    const user = await buildUser(api().app);
    const tokens = new Set<string>();
    for (let login = 0; login < 10; login++) tokens.add((await signIn(api(), user.email)).refreshToken);
    expect(tokens.size).toBe(10);
    for (const token of tokens) expect(Buffer.from(token, 'base64url')).toHaveLength(32);
  });

  it('V7.2.4 signing in starts a new session: new session id, and refreshing rotates the token', async () => {
    const user = await buildUser(api().app);
    const session = await signIn(api(), user.email);
    const refreshed = await refreshOverHttp(api(), session.refreshToken);
    expect(refreshed.session?.sessionId).toBe(session.sessionId);
    expect(refreshed.session?.refreshToken).not.toBe(session.refreshToken);
    expect((await signIn(api(), user.email)).sessionId).not.toBe(session.sessionId);
  });

  it('V7.2.4 signing in again in a browser that holds a refresh cookie ends that cookie’s session', async () => {
    const user = await buildUser(api().app);
    const held = await signIn(api(), user.email);
    const socket = track(await connectReady(gatewayUrl(), held.accessToken));
    const closed = disconnected(socket);
    const again = await callOverHttp(api(), 'login', {
      refreshToken: held.refreshToken,
      body: { email: user.email, password: DEFAULT_PASSWORD },
    });
    expect(again.status).toBe(200);
    await expectEnded(held, closed);
  });

  it('V7.3.1 an unused refresh token lapses: past its expiry it is refused', async () => {
    const user = await buildUser(api().app);
    const session = await signIn(api(), user.email);
    // REFRESH_TOKEN_TTL_SECONDS after its last use; moved into the past here rather than waited for.
    await api()
      .app.db.updateTable('refresh_tokens')
      .set({ expires_at: sql<Date>`now() - interval '1 second'` })
      .where('family_id', '=', session.sessionId)
      .execute();
    expect((await refreshOverHttp(api(), session.refreshToken)).answer.status).toBe(401);
  });

  it('V7.4.1 logout ends the session on REST, refresh and the socket: nothing can resume it', async () => {
    const user = await buildUser(api().app);
    const session = await signIn(api(), user.email);
    const socket = track(await connectReady(gatewayUrl(), session.accessToken));
    const closed = disconnected(socket);
    const logout = await callOverHttp(api(), 'logout', { refreshToken: session.refreshToken, body: {} });
    expect(logout.status).toBe(200);
    await expectEnded(session, closed);
  });

  it('V7.4.3 a password change ends the other sessions (sockets too) and keeps this one; a reset ends all', async () => {
    const user = await buildUser(api().app);
    const [current, other] = [await signIn(api(), user.email), await signIn(api(), user.email)];
    const otherSocket = track(await connectReady(gatewayUrl(), other.accessToken));
    const otherClosed = disconnected(otherSocket);
    const change = await callOverHttp(api(), 'changePassword', {
      token: current.accessToken,
      body: { currentPassword: DEFAULT_PASSWORD, newPassword: 'the changed passphrase' },
    });
    expect(change.status).toBe(200);
    await expectEnded(other, otherClosed);
    expect(await meStatus(api(), current.accessToken)).toBe(200);

    await callOverHttp(api(), 'forgotPassword', { body: { email: user.email } });
    const token = await mailedToken(api(), user.email, 'reset-password');
    expect(
      (await callOverHttp(api(), 'resetPassword', { body: { token, password: 'reset passphrase' } })).status,
    ).toBe(200);
    await expectEnded(current);
  });

  it('V7.5.2 a user sees their sessions and ends another one, which ends as logging out there would', async () => {
    const user = await buildUser(api().app);
    const [here, there] = [await signIn(api(), user.email), await signIn(api(), user.email)];
    const listed = await callOverHttp(api(), 'listSessions', { token: here.accessToken });
    expect(listed.status).toBe(200);
    const sessions = (listed.body as SessionList).sessions;
    expect(sessions.map((session) => [session.id, session.current]).sort()).toEqual(
      [
        [here.sessionId, true],
        [there.sessionId, false],
      ].sort(),
    );
    for (const session of sessions) {
      expect(Date.parse(session.signedInAt)).toBeLessThanOrEqual(Date.parse(session.lastUsedAt));
      expect(session.device).not.toBe('');
    }

    const thereSocket = track(await connectReady(gatewayUrl(), there.accessToken));
    const thereClosed = disconnected(thereSocket);
    const ended = await callOverHttp(api(), 'endSession', {
      token: here.accessToken,
      params: { id: there.sessionId },
    });
    expect(ended.status).toBe(200);
    await expectEnded(there, thereClosed);
    expect(await meStatus(api(), here.accessToken)).toBe(200);

    // Another person's session id is no session of theirs: 404, and it lives on.
    const stranger = await signIn(api(), (await buildUser(api().app)).email);
    const theirs = await callOverHttp(api(), 'endSession', {
      token: stranger.accessToken,
      params: { id: here.sessionId },
    });
    expect(theirs.status).toBe(404);
    expect(await meStatus(api(), here.accessToken)).toBe(200);
  });
});
