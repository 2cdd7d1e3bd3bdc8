import type { FastifyBaseLogger } from 'fastify';
import type { RedisClient } from '@livechat/server-kit';
import { MemoryLoginAttempts, type FailureCount, type LoginAttemptStore } from './login-attempt-store.js';

/**
 * The login throttle's store on Redis, one round trip per call: a counter with PEXPIRE NX per key (the
 * window starts with the first failure), turns as SET NX PX. While Redis is unreachable it keeps
 * counting in this process's memory rather than failing logins, as the rate-limit store does.
 */
export function redisLoginAttempts(
  redis: RedisClient,
  keyPrefix: string,
  logger: FastifyBaseLogger,
): LoginAttemptStore {
  const fallback = new MemoryLoginAttempts();
  let degraded = false;
  /** Runs `work` on Redis, or `inMemory` when the link is down or the command fails. */
  const onRedis = async <T>(work: () => Promise<T>, inMemory: () => Promise<T>): Promise<T> => {
    // node-redis queues a MULTI even without an offline queue, waiting for the next reconnect attempt.
    if (!redis.isReady) return inMemory();
    try {
      const result = await work();
      degraded = false;
      return result;
    } catch (error) {
      if (!degraded) logger.warn({ err: error }, 'login throttle counting in memory while Redis is down');
      degraded = true;
      return inMemory();
    }
  };
  const at = (key: string) => `${keyPrefix}${key}`;

  return {
    failures: (keys) =>
      onRedis(
        async () => {
          const multi = redis.multi();
          for (const key of keys) multi.get(at(key)).pTTL(at(key));
          const replies = await multi.exec();
          return keys.map((_, index): FailureCount => {
            const count = Number(replies[index * 2] ?? 0);
            const ttl = Number(replies[index * 2 + 1]);
            return { count, resetsInMs: count > 0 && ttl > 0 ? ttl : 0 };
          });
        },
        () => fallback.failures(keys),
      ),
    recordFailure: (keys, windowMs) =>
      onRedis(
        async () => {
          const multi = redis.multi();
          for (const key of keys) multi.incr(at(key)).pExpire(at(key), windowMs, 'NX');
          await multi.exec();
        },
        () => fallback.recordFailure(keys, windowMs),
      ),
    takeTurn: (key, ms) =>
      onRedis(
        async () => {
          const replies = await redis.multi().set(at(key), '1', { NX: true, PX: ms }).pTTL(at(key)).exec();
          return (replies[0] as unknown) === 'OK' ? 0 : Math.max(1, Number(replies[1]));
        },
        () => fallback.takeTurn(key, ms),
      ),
    forget: (key) =>
      onRedis(
        async () => {
          await redis.del(at(key));
        },
        () => fallback.forget(key),
      ),
  };
}
