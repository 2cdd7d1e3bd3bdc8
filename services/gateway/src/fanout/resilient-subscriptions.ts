import type { FastifyBaseLogger as Logger } from 'fastify';
import type { RedisClient } from '@livechat/server-kit';

type SubscribeArgs = Parameters<RedisClient['sSubscribe']>;
type UnsubscribeArgs = Parameters<RedisClient['sUnsubscribe']>;
const channelsOf = (channels: SubscribeArgs[0]) =>
  (Array.isArray(channels) ? channels : [channels]).map(String);

/**
 * What the sharded adapter sees as its subscriber client. The adapter (un)subscribes without awaiting,
 * so two things can go wrong that this wrapper repairs:
 * - a rejection nobody handles would end the process;
 * - a subscription in flight when the link drops is rejected and, unlike the ones Redis acknowledged,
 *   not restored by node-redis on reconnect: the room would stay deaf on this replica. Those are
 *   retried by `retryFailed` once the link is back.
 */
export function resilientSubscriptions(subscriber: RedisClient, logger: Logger) {
  const wanted = new Map<string, SubscribeArgs>();
  const failed = new Set<string>();

  const subscribe = (...args: SubscribeArgs): Promise<void> => {
    const channels = channelsOf(args[0]);
    for (const channel of channels) wanted.set(channel, [channel, args[1], args[2]]);
    return subscriber.sSubscribe(...args).catch((error: unknown) => {
      for (const channel of channels) failed.add(channel);
      logger.debug({ err: error, channels }, 'redis subscribe failed; retrying once the link is back');
    });
  };

  return {
    /** Subscribes again to what failed (and is still wanted); resolves when Redis has answered. */
    async retryFailed(): Promise<void> {
      const retry = [...failed].filter((channel) => wanted.has(channel));
      failed.clear();
      await Promise.all(retry.map((channel) => subscribe(...wanted.get(channel)!)));
    },
    sSubscribe: subscribe,
    sUnsubscribe: (...args: UnsubscribeArgs): Promise<void> => {
      for (const channel of channelsOf(args[0] ?? [])) {
        wanted.delete(channel);
        failed.delete(channel);
      }
      return subscriber
        .sUnsubscribe(...args)
        .catch((error: unknown) => logger.debug({ err: error }, 'redis unsubscribe failed'));
    },
  };
}
