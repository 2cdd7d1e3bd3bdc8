import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from 'redis';
import { createShardedAdapter } from '@socket.io/redis-adapter';
import { Server } from 'socket.io';
import type { RedisClient } from '@livechat/server-kit';
import { confirmingPublisher } from './publish-confirmation.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('confirmingPublisher', () => {
  const cleanup: (() => Promise<unknown> | void)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  async function fanout() {
    const publisher = createClient({ url: REDIS_URL, disableOfflineQueue: true }) as RedisClient;
    publisher.on('error', () => undefined);
    const subscriber = publisher.duplicate();
    subscriber.on('error', () => undefined);
    await Promise.all([publisher.connect(), subscriber.connect()]);
    const { client, confirm } = confirmingPublisher(publisher);
    const io = new Server({
      adapter: createShardedAdapter(client, subscriber, {
        channelPrefix: `lc_test_${randomUUID().slice(0, 8)}#sio`,
        subscriptionMode: 'dynamic',
      }),
    });
    cleanup.push(
      () => (publisher.isOpen ? publisher.destroy() : undefined),
      () => subscriber.close(), // after the adapter: its subscriptions settle first
      () => io.of('/').adapter.close(),
    );
    return { io, publisher, confirm };
  }

  it('resolves once Redis took every publish of the broadcast', async () => {
    const { io, confirm } = await fanout();
    await expect(
      confirm(() => {
        io.to('room:a').emit('message:new', { n: 1 });
        io.in('user:b').socketsJoin('room:a');
      }),
    ).resolves.toBeUndefined();
  });

  it('rejects when a publish failed, although the adapter itself swallows the error', async () => {
    const { io, publisher, confirm } = await fanout();
    publisher.destroy(); // the link is gone, as when Redis dies before the client notices
    const swallowed = new Promise<void>((resolve) => {
      io.to('room:a').emit('message:new', { n: 0 }); // the adapter alone: no error surfaces anywhere
      setTimeout(resolve, 50);
    });
    await expect(swallowed).resolves.toBeUndefined();
    await expect(confirm(() => io.to('room:a').emit('message:new', { n: 1 }))).rejects.toThrow();
  });
});
