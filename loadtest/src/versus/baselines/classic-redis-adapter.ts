import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import type { ServerOptions } from 'socket.io';

/**
 * Socket.IO's classic Redis adapter (`createAdapter`: one pattern subscription per server, every
 * broadcast published once and received by every server) over node-redis, under `prefix` — the setup
 * the Socket.IO docs give, which the baselines use as they come.
 */
export async function classicRedisAdapter(
  redisUrl: string,
  prefix: string,
): Promise<ServerOptions['adapter']> {
  const publisher = createClient({ url: redisUrl });
  const subscriber = publisher.duplicate();
  await Promise.all([publisher.connect(), subscriber.connect()]);
  return createAdapter(publisher, subscriber, { key: prefix });
}
