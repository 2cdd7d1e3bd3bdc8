import { randomUUID } from 'node:crypto';
import { TEST_REDIS_URL } from '@livechat/api/testing';
import { createClient } from 'redis';

/** A Redis key and channel prefix no one else uses. */
export const freshRedisPrefix = (label: string) => `lc_bench_${label}_${randomUUID().slice(0, 8)}`;

/** Deletes the keys under `prefix` (and only those: the shared Redis is never flushed). */
export async function dropRedisPrefix(prefix: string): Promise<void> {
  const redis = createClient({ url: TEST_REDIS_URL });
  await redis.connect();
  try {
    for await (const keys of redis.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 }))
      if (keys.length) await redis.unlink(keys);
  } finally {
    redis.destroy();
  }
}
