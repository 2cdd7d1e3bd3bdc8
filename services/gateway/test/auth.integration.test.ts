import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, startTestApi, type TestApi } from '@livechat/api/testing';
import { PROTOCOL_VERSION, type Ack, type DisconnectingEvent, type TypingEvent } from '@livechat/protocol';
import { actAs } from './support/api-actions.js';
import { startGateway, type TestGateway } from './support/gateway-harness.js';
import {
  collect,
  connectReady,
  disconnected,
  openSocket,
  pause,
  refusalOf,
  request,
  type TestSocket,
} from './support/socket-client.js';

// Access tokens live 5 s here (the API's minimum), so expiry and refresh are observable quickly.
describe('gateway auth: handshake, expiry, in-band refresh', () => {
  let api: TestApi;
  let gateway: TestGateway;
  const sockets: TestSocket[] = [];
  const track = (socket: TestSocket) => (sockets.push(socket), socket);

  beforeAll(async () => {
    api = await startTestApi({ redis: true, listen: true, env: { ACCESS_TOKEN_TTL_SECONDS: '5' } });
    gateway = await startGateway(api);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await gateway.close();
    await api.close();
  });

  it('refuses with a code: foreign or missing Origin, protocol mismatch, bad or unverified tokens', async () => {
    const user = await buildUser(api.app);
    const unverified = await buildUser(api.app, { verified: false });
    const cases: [TestSocket, string][] = [
      [openSocket(gateway.url, user.token, { origin: 'https://evil.example' }), 'origin_not_allowed'],
      [openSocket(gateway.url, user.token, { origin: null }), 'origin_not_allowed'],
      [openSocket(gateway.url, user.token, { protocolVersion: PROTOCOL_VERSION + 1 }), 'protocol_mismatch'],
      [openSocket(gateway.url, 'not-a-jwt'), 'unauthenticated'],
      [openSocket(gateway.url, '', { auth: { nothing: true } }), 'unauthenticated'],
      [openSocket(gateway.url, unverified.token), 'email_not_verified'],
    ];
    const refusals = await Promise.all(cases.map(([socket]) => refusalOf(track(socket))));
    expect(refusals.map((refusal) => refusal.code)).toEqual(cases.map(([, code]) => code));
    for (const refusal of refusals) expect(refusal.message).toEqual(expect.any(String));
    expect(cases.every(([socket]) => !socket.connected)).toBe(true);
  });

  it('tells a socket whose token lapsed why, then disconnects it', async () => {
    const user = await buildUser(api.app);
    const socket = track(await connectReady(gateway.url, user.token));
    const reasons = collect<DisconnectingEvent>(socket, 'connection:closing');
    const reason = await disconnected(socket);
    expect(reasons).toEqual([expect.objectContaining({ code: 'token_expired' })]);
    expect(reason).toBe('io server disconnect');
  });

  it('keeps a socket refreshed in-band connected past its first token’s expiry', async () => {
    const user = await buildUser(api.app);
    const socket = track(await connectReady(gateway.url, user.token));
    const firstExpiry = (await api.app.tokens.verify(user.token)).expiresAt.getTime();
    const { sessionId } = await api.app.tokens.verify(user.token);
    await pause(2500);
    const fresh = await api.app.tokens.sign({
      userId: user.id,
      sessionId,
      emailVerified: true,
      displayName: user.displayName,
    });
    const ack = await request<Ack<{ expiresAt: string }>>(socket, 'auth:refresh', { token: fresh.token });
    expect(ack).toEqual({ ok: true, data: { expiresAt: fresh.expiresAt.toISOString() } });

    // Halfway between the first token's expiry and the fresh one's (JWT expiries are whole seconds).
    expect(fresh.expiresAt.getTime() - firstExpiry).toBeGreaterThanOrEqual(2000);
    await pause((firstExpiry + fresh.expiresAt.getTime()) / 2 - Date.now());
    expect(socket.connected).toBe(true);
  });

  it('shows the display name of the token: a rename reaches typing indicators with the next token', async () => {
    const [typist, listener] = await Promise.all([
      buildUser(api.app, { displayName: 'Before' }),
      buildUser(api.app),
    ]);
    const roomId = (await actAs(api, typist).createRoom('names', [listener])).id;
    const typing = track(await connectReady(gateway.url, typist.token));
    const heard = collect<TypingEvent>(track(await connectReady(gateway.url, listener.token)), 'typing');
    const { sessionId } = await api.app.tokens.verify(typist.token);

    await request(typing, 'typing:start', { roomId });
    const renamed = await api.app.tokens.sign({
      userId: typist.id,
      sessionId,
      emailVerified: true,
      displayName: 'After',
    });
    expect(await request(typing, 'auth:refresh', { token: renamed.token })).toMatchObject({ ok: true });
    await pause(600); // the gateway's typing interval (TYPING_FORWARD_INTERVAL_MS)
    await request(typing, 'typing:start', { roomId });
    await pause(200);
    expect(heard.map((event) => event.displayName)).toEqual(['Before', 'After']);
  });

  it('refuses a refresh with another user’s token or a bad one, and keeps the socket', async () => {
    const [user, other] = await Promise.all([buildUser(api.app), buildUser(api.app)]);
    const socket = track(await connectReady(gateway.url, user.token));
    expect(await request(socket, 'auth:refresh', { token: other.token })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await request(socket, 'auth:refresh', { token: `${user.token}x` })).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' },
    });
    expect(socket.connected).toBe(true);
  });

  it('moves a socket refreshed with a new session’s token to that session’s channel', async () => {
    const user = await buildUser(api.app);
    const socket = track(await connectReady(gateway.url, user.token));
    const newSession = randomUUID();
    const fresh = await api.app.tokens.sign({
      userId: user.id,
      sessionId: newSession,
      emailVerified: true,
      displayName: user.displayName,
    });
    expect(await request(socket, 'auth:refresh', { token: fresh.token })).toMatchObject({ ok: true });
    const reasons = collect<DisconnectingEvent>(socket, 'connection:closing');
    const gone = disconnected(socket);
    // "Log out that device" of the new session reaches the socket, through the outbox and Redis.
    await api.app.transact((_trx, outbox) =>
      outbox.record({
        kind: 'disconnect',
        channel: `session:${newSession}`,
        code: 'unauthenticated',
        message: 'signed out',
      }),
    );
    await gone;
    expect(reasons).toEqual([{ code: 'unauthenticated', message: 'signed out' }]);
  });
});
