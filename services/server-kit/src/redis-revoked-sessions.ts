import type { FastifyBaseLogger as Logger } from 'fastify';
import type { RedisClient } from './redis-client.js';
import { LocalRevocations, type RevokedSession, type RevokedSessions } from './revoked-sessions.js';

/**
 * A member of the sorted set that is never a session id (those are UUIDs) and never expires (+inf): its
 * absence means the set was lost — Redis restarted empty, evicted it, someone deleted it — and must be
 * restored from Postgres, never "nothing was revoked".
 */
const COMPLETE = '*complete';

/** Keys and channel of the list, under the deployment's REDIS_PREFIX. */
export const revokedSessionsKey = (redisPrefix: string) => `${redisPrefix}:revoked-sessions`;

/**
 * The list shared through Redis by every API and gateway replica. Redis holds a sorted set of session ids
 * scored by `until` (the system of record for processes that start later) and carries each change on a
 * pub/sub channel; every process keeps its own in-memory copy fed by both:
 *
 * - at start it subscribes, then reads the set, so nothing revoked in between is missed;
 * - each revocation is published after it is written, and merged by every subscriber within milliseconds;
 * - when its subscriber reconnects (node-redis has resubscribed by the time it is ready) it reads the set
 *   again, for what was published while it was away.
 *
 * Entries are only ever added locally (and expire by themselves), so an empty or lost set in Redis never
 * un-revokes a session a process already knows.
 */
export async function redisRevokedSessions(
  redis: RedisClient,
  redisPrefix: string,
  logger: Logger,
): Promise<RevokedSessions> {
  const key = revokedSessionsKey(redisPrefix);
  const channel = key;
  const local = new LocalRevocations();
  const subscriber = redis.duplicate();
  let away = false;

  const reload = async () => {
    const members = await redis.zRangeByScoreWithScores(key, Date.now(), '+inf');
    local.merge(
      members
        .filter(({ value }) => value !== COMPLETE)
        .map(({ value, score }) => ({ sessionId: value, until: score })),
    );
  };
  const onMessage = (message: string) => {
    try {
      local.merge(JSON.parse(message) as RevokedSession[]);
    } catch (error) {
      logger.warn({ err: error }, 'ignored a malformed revoked-sessions message');
    }
  };
  subscriber.on('error', () => (away = true));
  subscriber.on('ready', () => {
    if (!away) return;
    away = false;
    reload().catch((error: unknown) => logger.warn({ err: error }, 'could not reload revoked sessions'));
  });
  await subscriber.connect();
  await subscriber.subscribe(channel, onMessage);
  await reload();

  /** Writes entries (and the completeness mark), expires the key with its last entry, tells everyone. */
  const publish = async (sessions: RevokedSession[], expireAt: number, markComplete: boolean) => {
    const members = sessions.map(({ sessionId, until }) => ({ value: sessionId, score: until }));
    if (markComplete) members.push({ value: COMPLETE, score: Infinity });
    const write = redis.multi();
    if (members.length) write.zAdd(key, members, { comparison: 'GT' });
    await write
      .zRemRangeByScore(key, '-inf', Date.now())
      .pExpireAt(key, expireAt)
      .publish(channel, JSON.stringify(sessions))
      .exec();
  };

  return {
    has: (sessionId) => local.has(sessionId),
    async revoke(sessionIds, until) {
      const sessions = sessionIds.map((sessionId) => ({ sessionId, until }));
      local.merge(sessions);
      if (sessions.length) await publish(sessions, until, false);
    },
    async restore(sessions, completeUntil) {
      local.merge(sessions);
      await publish(sessions, completeUntil, true);
    },
    // The mark, not the key: a revocation written after a loss recreates the key without it.
    isComplete: async () => (await redis.zScore(key, COMPLETE)) !== null,
    async close() {
      local.close();
      if (subscriber.isOpen) subscriber.destroy();
    },
  };
}
