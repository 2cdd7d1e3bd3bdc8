import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ConnectionState } from '@livechat/client';
import type { Message } from '@livechat/protocol';
// The API suite's private Redis (a free port, no persistence, SHUTDOWN NOSAVE and start on the same port).
import { startPrivateRedis, type PrivateRedis } from '@livechat/api/testing';
import { startFailoverScene, type FailoverScene } from './support/failover-scene.js';
import { readReplicaCounters, socketsByReplica } from './support/gateway-replica-metrics.js';
import { messageKey, streamMessages } from './support/message-stream.js';
import { watchRoomOrder } from './support/room-order-watch.js';

const SHARED_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const STREAM_LENGTH = 500;
/** The stream is disrupted once this many messages are confirmed. */
const DISRUPT_AT = 150;
/** The stream's steady pace, both senders together: it lasts at least 10 s. */
const MESSAGES_PER_SECOND = 50;
/** How long Redis stays down while the stream goes on. */
const REDIS_DOWN_MS = 3_000;
/**
 * Bound for every client to show the whole stream once the last send is confirmed. Well below Socket.IO's
 * ping timeout (20 s), so a client that missed the end cannot be rescued by a timed-out reconnect.
 */
const SETTLE = { timeout: 15_000, interval: 100 };
const STREAM_TEST_TIMEOUT_MS = 150_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A connection state a device went through, and how many sends were confirmed by then. */
interface Transition {
  state: ConnectionState;
  confirmed: number;
}

/** Follows every device's connection from now on, each change stamped with the stream's progress. */
function followConnections(scene: FailoverScene, progress: () => number): Transition[][] {
  return scene.devices.map(({ client }) => {
    const transitions: Transition[] = [];
    client.onConnectionState((state) => transitions.push({ state, confirmed: progress() }));
    return transitions;
  });
}

/** Streams into the scene's stream room from both laptops, `onConfirmed` told of each confirmed send. */
function streamFromLaptops(scene: FailoverScene, onConfirmed: (confirmed: number) => void) {
  const [aliceLaptop, bobLaptop] = scene.devices;
  return streamMessages({
    roomId: scene.rooms.stream,
    senders: [
      { name: 'alice', client: aliceLaptop!.client },
      { name: 'bob', client: bobLaptop!.client },
    ],
    total: STREAM_LENGTH,
    perSecond: MESSAGES_PER_SECOND,
    onConfirmed,
  });
}

/**
 * The stored stream is seqs 1..500, each once; every device ends showing exactly that — same ids, bodies
 * and order, nothing pending — within the settle bound, and never showed a message twice or out of order.
 */
async function expectEveryDeviceShows(
  scene: FailoverScene,
  sent: Message[],
  disorder: string[][],
): Promise<void> {
  expect(sent.map((message) => message.seq)).toEqual(
    Array.from({ length: STREAM_LENGTH }, (_, index) => index + 1),
  );
  const expected = sent.map(messageKey);
  await vi.waitFor(() => {
    for (const { client, replica } of scene.devices) {
      const view = client.snapshot(scene.rooms.stream)!;
      expect(view.messages.map(messageKey), `a device on ${replica}`).toEqual(expected);
      expect(view.pending).toEqual([]);
    }
  }, SETTLE);
  expect(disorder).toEqual(scene.devices.map(() => []));
}

describe('cluster failover: a gateway killed with SIGKILL mid-stream (infra/cluster.sh, nginx, shared Redis)', () => {
  let scene: FailoverScene;

  beforeAll(async () => {
    scene = await startFailoverScene({ redisUrl: SHARED_REDIS_URL });
  });
  afterAll(async () => {
    await scene?.close();
  });

  it('puts alice and bob on different replicas, every replica holding a socket, and they talk both ways', async () => {
    const [aliceLaptop, bobLaptop] = scene.devices;
    expect(aliceLaptop!.replica).not.toBe(bobLaptop!.replica);
    expect(new Set(scene.devices.map((device) => device.replica))).toEqual(
      new Set(scene.cluster.gateways.map((gateway) => gateway.name)),
    );
    const byReplica = await socketsByReplica(scene.cluster.gateways);
    for (const { name } of scene.cluster.gateways) {
      expect(byReplica.get(name)).toBe(scene.devices.filter((device) => device.replica === name).length);
    }

    const { talk } = scene.rooms;
    const hello = await aliceLaptop!.client.send(talk, 'hello bob, from another replica');
    await vi.waitFor(
      () => expect(bobLaptop!.client.snapshot(talk)!.messages.map((m) => m.id)).toContain(hello.id),
      SETTLE,
    );
    const reply = await bobLaptop!.client.send(talk, 'hello alice, heard you');
    const conversation = [hello, reply].map(messageKey);
    await vi.waitFor(() => {
      for (const { client } of scene.devices)
        expect(client.snapshot(talk)!.messages.map(messageKey)).toEqual(conversation);
    }, SETTLE);
  });

  it(
    'delivers all 500 messages exactly once, in seq order, to every client, the killed replica’s included',
    async () => {
      // Bob's phone only reads; it shares its replica with one other device.
      const victimName = scene.devices[3]!.replica;
      const victim = scene.cluster.gateways.find((gateway) => gateway.name === victimName)!;
      const survivors = scene.cluster.gateways.filter((gateway) => gateway !== victim);
      const onVictim = scene.devices.map((device) => device.replica === victimName);
      expect(onVictim.filter(Boolean)).toHaveLength(2);
      const disorder = scene.devices.map(({ client }) => watchRoomOrder(client, scene.rooms.stream));
      let confirmed = 0;
      const transitions = followConnections(scene, () => confirmed);

      const sent = await streamFromLaptops(scene, (count) => {
        confirmed = count;
        // The replica's process group dies at once: no drain, no goodbye to its sockets.
        if (count === DISRUPT_AT) process.kill(-victim.pid, 'SIGKILL');
      });

      await expectEveryDeviceShows(scene, sent, disorder);
      scene.devices.forEach((_, index) => {
        const states = transitions[index]!.map((transition) => transition.state);
        if (!onVictim[index]) return expect(states).toEqual([]);
        expect(states).toEqual(['reconnecting', 'connected']);
        // Back before the stream ended: the rest of it arrived live on another replica.
        const back = transitions[index]![1]!.confirmed;
        expect(back).toBeGreaterThanOrEqual(DISRUPT_AT);
        expect(back).toBeLessThan(STREAM_LENGTH);
      });
      // nginx sent the killed replica's clients to the surviving ones.
      const held = await socketsByReplica(survivors);
      expect([...held.values()].reduce((sum, count) => sum + count, 0)).toBe(scene.devices.length);
    },
    STREAM_TEST_TIMEOUT_MS,
  );
});

describe('cluster failover: Redis restarted mid-stream (infra/cluster.sh, nginx, a private Redis)', () => {
  let redis: PrivateRedis | undefined;
  let scene: FailoverScene;

  beforeAll(async () => {
    redis = await startPrivateRedis();
    scene = await startFailoverScene({ redisUrl: redis.url, privateRedis: true });
  });
  afterAll(async () => {
    await scene?.close();
    await redis?.stop();
  });

  it(
    'keeps accepting sends while Redis is down, resyncs every socket, and every client ends with all 500 once, in order',
    async () => {
      const gateways = scene.cluster.gateways;
      const resyncsBefore = await Promise.all(gateways.map(readReplicaCounters));
      const disorder = scene.devices.map(({ client }) => watchRoomOrder(client, scene.rooms.stream));
      let confirmed = 0;
      const transitions = followConnections(scene, () => confirmed);
      const outage = { down: -1, up: -1 };
      let outageDone: Promise<void> | undefined;

      const sent = await streamFromLaptops(scene, (count) => {
        confirmed = count;
        if (count !== DISRUPT_AT) return;
        outageDone = (async () => {
          await redis!.shutdown();
          outage.down = confirmed;
          await sleep(REDIS_DOWN_MS);
          outage.up = confirmed;
          await redis!.start();
        })();
      });
      await outageDone;

      // Sends went on while Redis was down — answered from Postgres, their events kept in the outbox, not
      // held until Redis came back (a generous floor: one send per 150 ms; a stalled API managed 5) — and
      // after it came back.
      expect(outage.up - outage.down).toBeGreaterThanOrEqual(REDIS_DOWN_MS / 150);
      expect(outage.up).toBeLessThan(STREAM_LENGTH);
      await expectEveryDeviceShows(scene, sent, disorder);
      // Every replica told each of its sockets to resync once its Redis link was back.
      const resyncsAfter = await Promise.all(gateways.map(readReplicaCounters));
      gateways.forEach((gateway, index) => {
        const sockets = scene.devices.filter((device) => device.replica === gateway.name).length;
        const told = resyncsAfter[index]!.resyncsSent - resyncsBefore[index]!.resyncsSent;
        expect(told, gateway.name).toBeGreaterThanOrEqual(sockets);
      });
      // The sockets stayed open through the outage: the resync alone brought them up to date.
      expect(transitions).toEqual(scene.devices.map(() => []));
    },
    STREAM_TEST_TIMEOUT_MS,
  );
});
