import type { FastifyBaseLogger } from 'fastify';
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { RedisClient } from '@livechat/server-kit';

type IncrCallback = Parameters<FastifyRateLimitStore['incr']>[1];

/** Fixed windows in this process's memory: the stand-in while Redis is unreachable. */
class MemoryWindows {
  private readonly windows = new Map<string, { count: number; endsAt: number }>();

  incr(key: string, windowMs: number): { current: number; ttl: number } {
    const now = Date.now();
    let window = this.windows.get(key);
    if (!window || window.endsAt <= now) {
      if (this.windows.size > 10_000) this.sweep(now);
      window = { count: 0, endsAt: now + windowMs };
      this.windows.set(key, window);
    }
    window.count += 1;
    return { current: window.count, ttl: window.endsAt - now };
  }

  private sweep(now: number): void {
    for (const [key, window] of this.windows) if (window.endsAt <= now) this.windows.delete(key);
  }
}

/**
 * A `@fastify/rate-limit` store on node-redis (the plugin's own Redis store needs ioredis), so every API
 * replica counts against the same windows. One round trip per hit: MULTI INCR, PEXPIRE NX (the window
 * starts with its first hit and is never extended), PTTL. While Redis is unreachable it counts in memory
 * rather than failing logins or letting everything through, and says so once per outage.
 */
export function redisRateLimitStore(
  redis: RedisClient,
  keyPrefix: string,
  logger: FastifyBaseLogger,
): FastifyRateLimitStoreCtor {
  const fallback = new MemoryWindows();
  let degraded = false;

  return class RedisRateLimitStore implements FastifyRateLimitStore {
    incr(key: string, callback: IncrCallback, timeWindow: number): void {
      const inMemory = (error: unknown) => {
        if (!degraded) logger.warn({ err: error }, 'rate limits counting in memory while Redis is down');
        degraded = true;
        callback(null, fallback.incr(key, timeWindow));
      };
      // node-redis queues a MULTI even with disableOfflineQueue: while the link is down it would wait for
      // the next reconnect attempt (up to seconds, with backoff) before failing, stalling every send and login.
      if (!redis.isReady) return inMemory(new Error('the Redis link is down'));
      const redisKey = `${keyPrefix}${key}`;
      redis
        .multi()
        .incr(redisKey)
        .pExpire(redisKey, timeWindow, 'NX')
        .pTTL(redisKey)
        .exec()
        .then((replies) => {
          degraded = false;
          const ttl = Number(replies[2]);
          callback(null, { current: Number(replies[0]), ttl: ttl > 0 ? ttl : timeWindow });
        })
        .catch(inMemory);
    }

    /** Every limiter shares the one store: their keys carry the limiter's name. */
    child(): FastifyRateLimitStore {
      return this;
    }
  };
}
