import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, startTestApi, type TestApi, type TestUser } from '@livechat/api/testing';
import type { DisconnectingEvent } from '@livechat/protocol';
import { startGateway, type TestGateway } from './support/gateway-harness.js';
import {
  collect,
  connectReady,
  disconnected,
  openSocket,
  refusalOf,
  request,
  type TestSocket,
} from './support/socket-client.js';

/**
 * Issue 9: a revoked session's access token stops working at the gateway at once, not when it expires.
 * The revocations here go through the API's list only (no outbox `disconnect` operation), so what is
 * tested is the gateway's own check: at handshake, on `auth:refresh`, and by the socket sweep.
 */
describe('gateway: revoked sessions', () => {
  let api: TestApi;
  let gateway: TestGateway;
  const sockets: TestSocket[] = [];
  const track = (socket: TestSocket) => (sockets.push(socket), socket);

  beforeAll(async () => {
    api = await startTestApi({ redis: true, listen: true });
    gateway = await startGateway(api);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await gateway.close();
    await api.close();
  });

  const sessionOf = async (user: TestUser) => (await api.app.tokens.verify(user.token)).sessionId;
  const tokenOf = async (user: TestUser, sessionId: string) =>
    (
      await api.app.tokens.sign({
        userId: user.id,
        sessionId,
        emailVerified: true,
        displayName: user.displayName,
      })
    ).token;

  it('refuses the handshake of a revoked session’s token; another session connects', async () => {
    const [user, other] = await Promise.all([buildUser(api.app), buildUser(api.app)]);
    await api.app.revokedSessions.revoke([await sessionOf(user)]);
    const refusal = await refusalOf(track(openSocket(gateway.url, user.token)));
    expect(refusal.code).toBe('unauthenticated');
    expect(track(await connectReady(gateway.url, other.token)).connected).toBe(true);
  });

  it('cuts off a connected socket of a revoked session within a second or two, telling it why', async () => {
    const user = await buildUser(api.app);
    const socket = track(await connectReady(gateway.url, user.token));
    const reasons = collect<DisconnectingEvent>(socket, 'connection:closing');
    const gone = disconnected(socket);
    const revokedAt = Date.now();
    await api.app.revokedSessions.revoke([await sessionOf(user)]);
    expect(await gone).toBe('io server disconnect');
    expect(Date.now() - revokedAt).toBeLessThan(2500); // the sweep runs every SOCKET_SWEEP_MS (1 s)
    expect(reasons).toEqual([expect.objectContaining({ code: 'unauthenticated' })]);
  });

  it('refuses an in-band refresh to a revoked session’s token and keeps the socket on its own', async () => {
    const user = await buildUser(api.app);
    const socket = track(await connectReady(gateway.url, user.token));
    const revoked = randomUUID();
    await api.app.revokedSessions.revoke([revoked]);
    expect(await request(socket, 'auth:refresh', { token: await tokenOf(user, revoked) })).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' },
    });
    expect(socket.connected).toBe(true);
    expect(
      await request(socket, 'auth:refresh', { token: await tokenOf(user, await sessionOf(user)) }),
    ).toMatchObject({ ok: true });
  });
});
