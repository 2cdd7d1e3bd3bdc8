import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { connectRedis, type RedisClient } from '@livechat/server-kit';
import { PresenceLiveness, livenessTiming } from './presence-liveness.js';
import { presenceStoreContract } from './presence-store-contract.js';
import { RedisPresenceStore } from './redis-presence-store.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const logger = pino({ level: 'silent' });

describe('RedisPresenceStore', () => {
  let redis: RedisClient;
  const prefix = `lc_test_${randomUUID().slice(0, 8)}`;
  const store = (keyPrefix = prefix) =>
    new RedisPresenceStore(redis, keyPrefix, `i-${randomUUID().slice(0, 6)}`);

  beforeAll(async () => {
    redis = await connectRedis(REDIS_URL, logger, 'presence-test');
  });
  afterAll(async () => {
    for await (const keys of redis.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 }))
      if (keys.length) await redis.del(keys);
    redis.destroy();
  });

  presenceStoreContract(() => store());

  it('reports each transition exactly once when many replicas race', async () => {
    const replicas = Array.from({ length: 5 }, () => store());
    const user = randomUUID();
    const sockets = replicas.flatMap((replica, r) => [0, 1, 2].map((s) => ({ replica, id: `s${r}-${s}` })));
    const online = await Promise.all(sockets.map(({ replica, id }) => replica.addSocket(user, id, ['room'])));
    expect(online.filter(Boolean)).toHaveLength(1);
    const offline = await Promise.all(sockets.map(({ replica, id }) => replica.removeSocket(user, id)));
    expect(offline.filter(Boolean)).toEqual([['room']]);
  });

  it('sweeps a replica that stopped heartbeating: its users go offline once, others stay', async () => {
    const ownPrefix = `${prefix}.sweep`; // no other test's replicas in sight
    const dead = store(ownPrefix);
    const alive = store(ownPrefix);
    const [both, onlyDead] = [randomUUID(), randomUUID()];
    await dead.addSocket(both, 'd1', ['r1']);
    await alive.addSocket(both, 'a1', ['r1']);
    await dead.addSocket(onlyDead, 'd2', ['r2']);
    const announced: [string, string[]][] = [];
    const sweepers = [alive, store(ownPrefix)].map(
      (replica) =>
        new PresenceLiveness(redis, replica, 30, (user, rooms) => announced.push([user, rooms]), logger),
    );
    await sweepers[0]!.heartbeat(); // the dead one never heartbeats: its liveness key does not exist

    await Promise.all(sweepers.map((sweeper) => sweeper.sweep()));

    expect(announced).toEqual([[onlyDead, ['r2']]]);
    expect(await alive.onlineSharingRoom(both, [both, onlyDead])).toEqual([both]);
    expect(await redis.sIsMember(alive.keys.instances, dead.instanceId)).toBe(0);
  });

  it('keeps a dead replica’s users online at most 5/6 of the bound', () => {
    for (const ttl of [3, 6, 30, 3600]) {
      const { intervalMs, keyTtlMs } = livenessTiming(ttl);
      expect(keyTtlMs + intervalMs).toBeLessThanOrEqual((ttl * 1000 * 5) / 6 + 1);
      expect(keyTtlMs).toBeGreaterThan(intervalMs); // a live replica's key never lapses between heartbeats
    }
  });
});
