import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, startPrivateRedis, startTestApi, type TestApi } from '@livechat/api/testing';
import type { MessageNewEvent, ResyncEvent } from '@livechat/protocol';
import { actAs } from './support/api-actions.js';
import { startGateway, type TestGateway } from './support/gateway-harness.js';
import pino from 'pino';
import { connectRedis } from '@livechat/server-kit';
import { resilientSubscriptions } from '../src/fanout/resilient-subscriptions.js';
import { collect, connectReady, eventually, request, type TestSocket } from './support/socket-client.js';

describe('a Redis restart under two replicas', () => {
  let redis: Awaited<ReturnType<typeof startPrivateRedis>>;
  let api: TestApi;
  let gateways: TestGateway[];
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    redis = await startPrivateRedis();
    api = await startTestApi({ redisUrl: redis.url, listen: true });
    gateways = await Promise.all([startGateway(api), startGateway(api)]);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await Promise.all(gateways.map((gateway) => gateway.close()));
    await api.close();
    await redis.stop();
  });

  it('tells clients to resync, re-registers presence and delivers again once Redis is back', async () => {
    const [alice, bob] = await Promise.all([buildUser(api.app), buildUser(api.app)]);
    const room = await actAs(api, alice).createRoom('through a restart', [bob]);
    const aliceSocket = await connectReady(gateways[0]!.url, alice.token);
    const bobSocket = await connectReady(gateways[1]!.url, bob.token);
    sockets.push(aliceSocket, bobSocket);
    const resyncs = [collect<ResyncEvent>(aliceSocket, 'resync'), collect<ResyncEvent>(bobSocket, 'resync')];
    const inbox = collect<MessageNewEvent>(bobSocket, 'message:new');

    // Killed right after the sockets joined their rooms: subscriptions may still be in flight.
    await redis.restart();

    await eventually(
      () => resyncs.every((received) => received.length === 1),
      'resync on both replicas',
      15_000,
    );
    expect(resyncs.flat()).toEqual([{ reason: 'redis-reconnected' }, { reason: 'redis-reconnected' }]);
    // The restart lost every presence key; the replicas wrote back what they hold.
    const aliceReadsOnline = async () =>
      JSON.stringify(await request(bobSocket, 'presence:query', { userIds: [alice.id] })) ===
      JSON.stringify({ ok: true, data: { online: [alice.id] } });
    await eventually(aliceReadsOnline, 'alice to read online again');
    // The subscriptions to the room's channel came back too: the next message arrives.
    await eventually(() => api.deps.fanoutReady(), 'the API’s Redis link', 15_000);
    const sent = await actAs(api, alice).send(room.id, 'after the restart');

    await eventually(() => inbox.length === 1, 'the message after the restart');
    expect(inbox[0]!.message.id).toBe(sent.id);
    expect(aliceSocket.connected && bobSocket.connected).toBe(true);
  });

  it('subscribes again to a channel whose subscription was in flight when Redis died', async () => {
    const logger = pino({ level: 'silent' });
    const publisher = await connectRedis(redis.url, logger, 'test-publisher');
    const subscriber = publisher.duplicate({ disableOfflineQueue: false });
    subscriber.on('error', () => undefined);
    await subscriber.connect();
    const subscriptions = resilientSubscriptions(subscriber, logger);
    const received: string[] = [];
    try {
      void subscriptions.sSubscribe('in-flight', (message) => received.push(String(message)));
      await redis.restart(); // the SSUBSCRIBE is written, or queued, but not yet answered
      await eventually(() => subscriber.isReady && publisher.isReady, 'both links back', 15_000);
      await subscriptions.retryFailed();
      await publisher.sPublish('in-flight', 'hello');
      await eventually(() => received.length === 1, 'the message on the re-subscribed channel');
    } finally {
      subscriber.destroy();
      publisher.destroy();
    }
  });
});
