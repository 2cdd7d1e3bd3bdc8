import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SocketConnection } from '@livechat/client';
import { TEST_ORIGIN, buildUser, startTestApi, type TestApi, type TestUser } from '@livechat/api/testing';
import { roomChannel, type HandshakeRefusal } from '@livechat/protocol';
import { actAs } from './support/api-actions.js';
import { startGateway, type TestGateway } from './support/gateway-harness.js';
import { eventually } from './support/socket-client.js';

const CLIENTS = 40;
const CAPACITY = 2;
const RETRY_MS = 100;

/** A token source for a test user whose token outlives the test: nothing to refresh. */
const fixedToken = (user: TestUser) => ({
  token: () => user.token,
  refresh: async () => undefined,
  onToken: () => () => undefined,
});

describe('a crowd connecting at once to a gateway with few session-load slots', () => {
  let api: TestApi;
  let gateway: TestGateway;
  const connections: SocketConnection[] = [];

  beforeAll(async () => {
    api = await startTestApi({ redis: true, listen: true });
    gateway = await startGateway(api, {
      SESSION_LOADS_IN_FLIGHT: String(CAPACITY),
      SESSION_LOAD_RETRY_MS: String(RETRY_MS),
    });
  });
  afterAll(async () => {
    for (const connection of connections) connection.close();
    await gateway.close();
    await api.close();
  });

  it('sheds the excess with unavailable and a retry hint; every client retries and ends ready', async () => {
    const users = await Promise.all(Array.from({ length: CLIENTS }, () => buildUser(api.app)));
    const roomId = (await actAs(api, users[0]!).createRoom('storm', users.slice(1))).id;
    const refusals: HandshakeRefusal[] = [];
    let ready = 0;
    for (const user of users) {
      const connection = new SocketConnection({
        url: gateway.url,
        session: fixedToken(user),
        socketOptions: { extraHeaders: { origin: TEST_ORIGIN } },
      });
      connection.socket.on('connect_error', (error: Error & { data?: HandshakeRefusal }) => {
        if (error.data) refusals.push(error.data);
      });
      connection.onReady(() => ready++);
      connections.push(connection);
    }
    for (const connection of connections) connection.connect();

    await eventually(() => ready === CLIENTS, `all ${CLIENTS} clients ready`, 30_000);
    expect(refusals.length).toBeGreaterThan(0);
    expect(refusals.every((refusal) => refusal.code === 'unavailable')).toBe(true);
    expect(refusals.every((refusal) => refusal.retryAfterMs === RETRY_MS)).toBe(true);
    expect(connections.every((connection) => connection.state === 'connected')).toBe(true);
    // Each one subscribed to its room (none left half-connected by the refusals).
    const sockets = [...gateway.app.io.of('/').sockets.values()];
    expect(sockets).toHaveLength(CLIENTS);
    expect(sockets.every((socket) => socket.rooms.has(roomChannel(roomId)))).toBe(true);
    const metrics = await gateway.app.metrics.metrics();
    expect(metrics).toMatch(
      new RegExp(`gateway_handshake_refusals_total\\{code="unavailable"\\} ${refusals.length}\\n`),
    );
  });
});
