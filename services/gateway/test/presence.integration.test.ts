import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, startTestApi, type TestApi } from '@livechat/api/testing';
import type { Ack, DisconnectingEvent, PresenceEvent } from '@livechat/protocol';
import { actAs } from './support/api-actions.js';
import { gatewayEnv, startGateway, type TestGateway } from './support/gateway-harness.js';
import { spawnGateway, type GatewayProcess } from './support/gateway-process.js';
import {
  collect,
  connectReady,
  disconnected,
  eventually,
  pause,
  request,
  type TestSocket,
} from './support/socket-client.js';

// A short presence bound keeps the SIGKILL case quick; the timing scales with it (presence-liveness.ts).
const PRESENCE_TTL_SECONDS = 6;
const PRESENCE_BATCH_MS = 1000;

describe('presence across replicas', () => {
  let api: TestApi;
  let gateways: TestGateway[];
  const children: GatewayProcess[] = [];
  const sockets: TestSocket[] = [];
  const connect = async (url: string, token: string) => {
    const socket = await connectReady(url, token);
    sockets.push(socket);
    return socket;
  };
  const onlineOf = (events: PresenceEvent[], userId: string) =>
    events.flatMap((event) =>
      event.changes.filter((change) => change.userId === userId).map((c) => c.online),
    );

  beforeAll(async () => {
    api = await startTestApi({ redis: true, listen: true });
    // A wide batch window, so the burst below lands in few windows however loaded the machine is.
    const env = {
      PRESENCE_TTL_SECONDS: String(PRESENCE_TTL_SECONDS),
      PRESENCE_BATCH_MS: String(PRESENCE_BATCH_MS),
    };
    gateways = await Promise.all([startGateway(api, env), startGateway(api, env)]);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    for (const { child } of children) child.kill('SIGKILL');
    await Promise.all(gateways.map((gateway) => gateway.close()));
    await api.close();
  });

  it('announces online and offline once per transition, across tabs on two replicas, to roommates only', async () => {
    const [alice, bob, stranger] = await Promise.all([1, 2, 3].map(() => buildUser(api.app)));
    await actAs(api, bob!).createRoom('presence', [alice!]);
    const bobSocket = await connect(gateways[0]!.url, bob!.token);
    const strangerSocket = await connect(gateways[1]!.url, stranger!.token);
    const heard = collect<PresenceEvent>(bobSocket, 'presence');
    const overheard = collect<PresenceEvent>(strangerSocket, 'presence');

    const tab1 = await connect(gateways[0]!.url, alice!.token);
    const tab2 = await connect(gateways[1]!.url, alice!.token);
    await eventually(() => onlineOf(heard, alice!.id).length === 1, 'alice online');
    expect(await request(bobSocket, 'presence:query', { userIds: [alice!.id, stranger!.id] })).toEqual({
      ok: true,
      data: { online: [alice!.id] },
    });
    // The stranger shares no room with alice: to them she reads as offline.
    expect(await request(strangerSocket, 'presence:query', { userIds: [alice!.id] })).toEqual({
      ok: true,
      data: { online: [] },
    });

    tab1.disconnect();
    await pause(500);
    expect(onlineOf(heard, alice!.id)).toEqual([true]);
    tab2.disconnect();
    await eventually(() => onlineOf(heard, alice!.id).length === 2, 'alice offline');
    await pause(500);
    expect(onlineOf(heard, alice!.id)).toEqual([true, false]);
    expect(overheard).toEqual([]);
  });

  it('coalesces a burst of connects into one room: few events, each arrival in them exactly once', async () => {
    const [watcher, ...crowd] = await Promise.all(Array.from({ length: 21 }, () => buildUser(api.app)));
    const room = await actAs(api, watcher!).createRoom('burst', crowd);
    const watcherSocket = await connect(gateways[0]!.url, watcher!.token);
    const heard = collect<PresenceEvent>(watcherSocket, 'presence');

    await Promise.all(crowd.map((user, i) => connect(gateways[i % 2]!.url, user.token)));
    // The watcher hears its own arrival too (announced after the window, so possibly in this burst's batch).
    const arrived = () =>
      heard
        .flatMap((event) => event.changes)
        .filter((change) => change.online && change.userId !== watcher!.id);
    await eventually(() => arrived().length >= crowd.length, 'the crowd online');
    await pause(PRESENCE_BATCH_MS + 500);

    expect(heard.every((event) => event.roomId === room.id)).toBe(true);
    expect(
      arrived()
        .map((change) => change.userId)
        .sort(),
    ).toEqual(crowd.map((user) => user.id).sort());
    // 20 transitions over two replicas: one event per replica per window, not one per arrival.
    expect(heard.length).toBeLessThanOrEqual(crowd.length / 4);
  });

  it('clears the users of a SIGKILLed replica within the presence bound', async () => {
    const [carol, dan] = await Promise.all([buildUser(api.app), buildUser(api.app)]);
    await actAs(api, dan).createRoom('sigkill', [carol]);
    const danSocket = await connect(gateways[0]!.url, dan.token);
    const heard = collect<PresenceEvent>(danSocket, 'presence');
    const doomed = await spawnGateway(
      gatewayEnv(api, { PRESENCE_TTL_SECONDS: String(PRESENCE_TTL_SECONDS) }),
    );
    children.push(doomed);
    const carolSocket = await connect(doomed.url, carol.token);
    await eventually(() => onlineOf(heard, carol.id).length === 1, 'carol online');

    doomed.child.kill('SIGKILL');
    const killedAt = Date.now();
    await disconnected(carolSocket);
    await eventually(
      () => onlineOf(heard, carol.id).length === 2,
      'carol announced offline',
      PRESENCE_TTL_SECONDS * 1000 + 3000,
    );
    expect(onlineOf(heard, carol.id)).toEqual([true, false]);
    expect(Date.now() - killedAt).toBeLessThanOrEqual(PRESENCE_TTL_SECONDS * 1000 + 3000);
    expect(await request<Ack>(danSocket, 'presence:query', { userIds: [carol.id] })).toEqual({
      ok: true,
      data: { online: [] },
    });
  });

  it('drains on SIGTERM: tells its sockets to reconnect elsewhere, exits, and its users who came back stay online', async () => {
    const [erin, frank] = await Promise.all([buildUser(api.app), buildUser(api.app)]);
    await actAs(api, frank).createRoom('drain', [erin]);
    const frankSocket = await connect(gateways[1]!.url, frank.token);
    const heard = collect<PresenceEvent>(frankSocket, 'presence');
    const draining = await spawnGateway(
      gatewayEnv(api, { PRESENCE_TTL_SECONDS: String(PRESENCE_TTL_SECONDS) }),
    );
    children.push(draining);
    const erinSocket = await connect(draining.url, erin.token);
    await eventually(() => onlineOf(heard, erin.id).length === 1, 'erin online');
    const reasons = collect<DisconnectingEvent>(erinSocket, 'connection:closing');
    const gone = disconnected(erinSocket);

    draining.child.kill('SIGTERM');
    await gone;
    expect(reasons).toEqual([{ code: 'unavailable', message: 'server restarting; reconnect' }]);
    await connect(gateways[0]!.url, erin.token); // the client reconnects to another replica
    expect(await draining.exited).toBe(0);

    // The drained replica's entries are swept once it stops heartbeating; erin never reads offline.
    await pause(PRESENCE_TTL_SECONDS * 1000);
    expect(onlineOf(heard, erin.id)).toEqual([true]);
    expect(await request(frankSocket, 'presence:query', { userIds: [erin.id] })).toEqual({
      ok: true,
      data: { online: [erin.id] },
    });
  }, 90_000);
});
