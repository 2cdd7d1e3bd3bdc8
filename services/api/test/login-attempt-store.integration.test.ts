import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { connectRedis, type RedisClient } from '@livechat/server-kit';
import { redisLoginAttempts } from '../src/plugins/login-attempt-redis-store.js';
import { MemoryLoginAttempts, type LoginAttemptStore } from '../src/plugins/login-attempt-store.js';
import { TEST_REDIS_URL } from './support/test-api.js';

// One contract, every store: memory (standalone), Redis (cluster), and Redis while it is unreachable.
const silent = pino({ level: 'silent' });
const clients: RedisClient[] = [];
const prefix = `lc_test_la_${randomUUID().slice(0, 8)}:`;
afterAll(async () => {
  const [live] = clients;
  if (live?.isReady) {
    const keys = await live.keys(`${prefix}*`);
    if (keys.length) await live.del(keys);
  }
  for (const client of clients) client.destroy();
});

const stores: [string, () => Promise<LoginAttemptStore>][] = [
  ['memory', async () => new MemoryLoginAttempts()],
  [
    'redis',
    async () => {
      const client = await connectRedis(TEST_REDIS_URL, silent, 'la-test');
      clients.push(client);
      return redisLoginAttempts(client, prefix, silent);
    },
  ],
  [
    'redis while unreachable',
    async () => {
      const client = await connectRedis(TEST_REDIS_URL, silent, 'la-test-down');
      client.destroy(); // every command now fails at once
      return redisLoginAttempts(client, `${prefix}down:`, silent);
    },
  ],
];

describe.each(stores)('login attempt store (%s)', (_, open) => {
  it('counts failures per key within a window that starts with the first one', async () => {
    const store = await open();
    const [a, b] = [randomUUID(), randomUUID()];
    expect(await store.failures([a, b])).toEqual([
      { count: 0, resetsInMs: 0 },
      { count: 0, resetsInMs: 0 },
    ]);
    await store.recordFailure([a, b], 60_000);
    await store.recordFailure([a], 60_000);
    const [countA, countB] = await store.failures([a, b]);
    expect([countA!.count, countB!.count]).toEqual([2, 1]);
    expect(countA!.resetsInMs).toBeGreaterThan(55_000);
    expect(countA!.resetsInMs).toBeLessThanOrEqual(60_000);
    await store.forget(a);
    expect((await store.failures([a]))[0]!.count).toBe(0);

    const short = randomUUID();
    await store.recordFailure([short], 100);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect((await store.failures([short]))[0]!.count).toBe(0);
  });

  it('gives one turn at a time, even to parallel takers', async () => {
    const store = await open();
    const turn = randomUUID();
    const waits = await Promise.all(Array.from({ length: 10 }, () => store.takeTurn(turn, 300)));
    expect(waits.filter((wait) => wait === 0)).toHaveLength(1);
    for (const wait of waits.filter((wait) => wait > 0)) expect(wait).toBeLessThanOrEqual(300);
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(await store.takeTurn(turn, 300)).toBe(0);
  });
});
