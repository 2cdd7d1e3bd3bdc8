import { Server } from 'socket.io';
import { roomShardedAdapter, type RedisClient } from '@livechat/server-kit';
import { confirmingPublisher } from './publish-confirmation.js';

/**
 * The API's own Socket.IO server in cluster mode: no HTTP listener, no sockets, only the broadcast operators,
 * carried to every gateway replica by the sharded Redis adapter the gateways use too.
 */
export async function createClusterFanout(redis: RedisClient, redisPrefix: string) {
  const subscriber = redis.duplicate();
  subscriber.on('error', () => undefined); // reconnects on its own; the publisher's link reports outages
  await subscriber.connect();
  const publisher = confirmingPublisher(redis);
  const io = new Server({
    adapter: roomShardedAdapter(publisher.client, subscriber, redisPrefix),
  });
  return {
    io,
    ready: () => redis.isReady && subscriber.isReady,
    confirmPublished: publisher.confirm,
    async close() {
      // Not io.close(): it closes an engine and HTTP server this server never had. Only the adapter is ours.
      await io.of('/').adapter.close();
      await subscriber.close();
    },
  };
}
