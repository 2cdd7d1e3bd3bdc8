import type { FastifyBaseLogger as Logger } from 'fastify';
import { roomShardedAdapter, type RedisClient } from '@livechat/server-kit';
import type { Fanout } from './fanout.js';
import { resilientSubscriptions } from './resilient-subscriptions.js';

/**
 * Fan-out through the sharded Redis adapter with dynamic subscriptions: this replica subscribes only to
 * the channels of rooms that have a socket here, under the same prefix as the API publishes on.
 *
 * The subscriber keeps node-redis's offline queue, unlike the publisher: the adapter subscribes to a room's
 * channel when its first local socket joins, without awaiting, and a subscription issued during an outage
 * must be sent on reconnect rather than be lost (or reject with nobody listening).
 */
export async function redisFanout(redis: RedisClient, redisPrefix: string, logger: Logger): Promise<Fanout> {
  const subscriber = redis.duplicate({ disableOfflineQueue: false });
  const subscriptions = resilientSubscriptions(subscriber, logger);
  const listeners: (() => void)[] = [];
  let broken = false;
  const clients = [redis, subscriber];
  for (const client of clients) {
    client.on('error', () => (broken = true));
    client.on('reconnecting', () => (broken = true));
    client.on('ready', () => {
      if (!broken || !clients.every((each) => each.isReady)) return;
      broken = false;
      // Every room's subscription is back before clients are told to catch up.
      void subscriptions.retryFailed().then(() => {
        logger.info('redis link back: telling clients to resync');
        for (const listener of listeners) listener();
      });
    });
  }
  await subscriber.connect();
  return {
    adapter: roomShardedAdapter(redis, subscriptions, redisPrefix),
    isReachable: async () => subscriber.isReady && (await redis.ping()) === 'PONG',
    onRecovered: (listener) => void listeners.push(listener),
    close: async () => {
      if (subscriber.isOpen) subscriber.destroy(); // a subscriber has nothing to flush
    },
  };
}
