import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, startTestApi, type TestApi, type TestUser } from '@livechat/api/testing';
import type { DisconnectingEvent, MessageNewEvent } from '@livechat/protocol';
import { actAs } from './support/api-actions.js';
import { startGateway, type TestGateway } from './support/gateway-harness.js';
import {
  collect,
  connectReady,
  disconnected,
  eventually,
  pause,
  type TestSocket,
} from './support/socket-client.js';

describe('fan-out across three gateway replicas on one Redis', () => {
  let api: TestApi;
  let gateways: TestGateway[];
  const sockets: TestSocket[] = [];
  const connect = async (gateway: TestGateway, user: TestUser) => {
    const socket = await connectReady(gateway.url, user.token);
    sockets.push(socket);
    return socket;
  };

  beforeAll(async () => {
    api = await startTestApi({ redis: true, listen: true });
    gateways = await Promise.all([startGateway(api), startGateway(api), startGateway(api)]);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await Promise.all(gateways.map((gateway) => gateway.close()));
    await api.close();
  });

  it('delivers a message to every member on every replica, and to nobody else', async () => {
    const [alice, bob, carol, mallory] = await Promise.all([1, 2, 3, 4].map(() => buildUser(api.app)));
    const room = await actAs(api, alice!).createRoom('three replicas', [bob!, carol!]);
    const members = [
      await connect(gateways[0]!, alice!),
      await connect(gateways[1]!, bob!),
      await connect(gateways[2]!, carol!),
      await connect(gateways[2]!, bob!), // a second tab of bob, on another replica
    ];
    const outsider = await connect(gateways[1]!, mallory!);
    const inboxes = members.map((socket) => collect<MessageNewEvent>(socket, 'message:new'));
    const outsiderInbox = collect(outsider, 'message:new');

    const sent = await actAs(api, bob!).send(room.id, 'hello, everyone');

    await eventually(() => inboxes.every((inbox) => inbox.length === 1), 'every member to receive it');
    for (const inbox of inboxes) {
      expect(inbox[0]).toMatchObject({ roomId: room.id, lastSeq: sent.seq, message: { id: sent.id } });
    }
    await pause(300);
    expect(outsiderInbox).toEqual([]);
    expect(inboxes.map((inbox) => inbox.length)).toEqual([1, 1, 1, 1]);

    // Counted once per broadcast on the replica holding two of the recipients: two writes, one broadcast,
    // one delivery-age observation.
    const metrics = await gateways[2]!.app.metrics.metrics();
    expect(metrics).toMatch(/\ngateway_events_out_total\{event="message:new"\} 2\n/);
    expect(metrics).toMatch(/\ngateway_broadcasts_total\{event="message:new"\} 1\n/);
    expect(metrics).toMatch(/\ngateway_message_delivery_age_seconds_count 1\n/);
  });

  it('applies membership changes live on every replica: added → receives, removed → stops', async () => {
    const [owner, dave] = await Promise.all([buildUser(api.app), buildUser(api.app)]);
    const room = await actAs(api, owner).createRoom('membership');
    await connect(gateways[0]!, owner);
    const daveTabs = [await connect(gateways[1]!, dave), await connect(gateways[2]!, dave)];
    const inboxes = daveTabs.map((socket) => collect<MessageNewEvent>(socket, 'message:new'));

    await actAs(api, owner).send(room.id, 'before dave');
    await actAs(api, owner).add(room.id, dave);
    // The join is an outbox operation published after the add commits; the next send follows it.
    await eventually(() => daveTabs.every((socket) => socket.connected), 'tabs to stay connected');
    await pause(200);
    await actAs(api, owner).send(room.id, 'welcome dave');
    await eventually(() => inboxes.every((inbox) => inbox.length === 1), 'both of dave’s tabs to receive');
    expect(inboxes.map((inbox) => inbox[0]!.message.body)).toEqual(['welcome dave', 'welcome dave']);

    await actAs(api, owner).remove(room.id, dave);
    await pause(200);
    await actAs(api, owner).send(room.id, 'after dave');
    await pause(500);
    expect(inboxes.map((inbox) => inbox.length)).toEqual([1, 1]);
  });

  it('disconnects every socket of a user on every replica within a second of logging out everywhere', async () => {
    const erin = await buildUser(api.app);
    const tabs = await Promise.all(gateways.map((gateway) => connect(gateway, erin)));
    const reasons = tabs.map((socket) => collect<DisconnectingEvent>(socket, 'connection:closing'));
    const gone = Promise.all(tabs.map(disconnected));

    const started = Date.now();
    await actAs(api, erin).logoutEverywhere();
    await gone;

    expect(Date.now() - started).toBeLessThan(1000);
    for (const received of reasons)
      expect(received).toEqual([expect.objectContaining({ code: 'unauthenticated' })]);
  });
});
