import type { RedisClient } from '@livechat/server-kit';

/**
 * Runs Socket.IO broadcasts and resolves once the transport has taken them, or rejects if it has not.
 * In-process there is nothing to wait for; on Redis, see `confirmingPublisher`.
 */
export type ConfirmPublished = (broadcast: () => void) => Promise<void>;

export const inProcessConfirmation: ConfirmPublished = async (broadcast) => broadcast();

/**
 * Socket.IO's cluster adapter catches a failed publish and only debug-logs it, so a broadcast made just
 * after Redis died (before the client noticed) would look delivered and the outbox would mark it published.
 * This wraps the adapter's publishing client: the publishes a broadcast starts (synchronously, on entry to
 * the adapter's async methods) are collected, and the confirmation waits for them and fails if any failed —
 * the outbox then leaves the operation for the relay.
 */
export function confirmingPublisher(client: RedisClient): { client: RedisClient; confirm: ConfirmPublished } {
  let collecting: Promise<unknown>[] | null = null;
  const tracked = new Proxy(client, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => unknown;
      if (property !== 'sPublish') return method.bind(target);
      return (...args: unknown[]) => {
        const result = method.apply(target, args) as Promise<unknown>;
        collecting?.push(result);
        return result;
      };
    },
  });
  return {
    client: tracked,
    async confirm(broadcast) {
      const publishes: Promise<unknown>[] = [];
      collecting = publishes;
      try {
        broadcast();
      } finally {
        collecting = null;
      }
      await Promise.all(publishes);
    },
  };
}
