import { createClient, type RedisClientType } from 'redis';
import type { FastifyBaseLogger as Logger } from 'fastify';

export type RedisClient = RedisClientType;

/**
 * A node-redis client that reconnects forever with capped backoff and fails commands at once while
 * disconnected (no offline queue): callers see the outage and fall back (outbox relay, resync) instead of
 * piling up writes in memory.
 */
export async function connectRedis(url: string, logger: Logger, name: string): Promise<RedisClient> {
  const client: RedisClient = createClient({
    url,
    disableOfflineQueue: true,
    socket: {
      reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 2000),
      connectTimeout: 5000,
    },
  });
  let down = false;
  client.on('error', (error: Error) => {
    if (!down) logger.warn({ err: error, client: name }, 'redis link down; reconnecting');
    down = true;
  });
  client.on('ready', () => {
    if (down) logger.info({ client: name }, 'redis link back');
    down = false;
  });
  await client.connect();
  return client;
}
