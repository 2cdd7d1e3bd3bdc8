import type { FastifyBaseLogger } from 'fastify';
import { Server } from 'socket.io';
import {
  connectRedis,
  memoryRevokedSessions,
  redisRevokedSessions,
  type RedisClient,
  type RevokedSessions,
} from '@livechat/server-kit';
import { loadSigningKeys } from './auth/signing-keys.js';
import type { ApiConfig } from './config.js';
import type { ApiDependencies } from './context.js';
import { openDatabase } from './db/connect.js';
import { migrateToLatest } from './db/migrations.js';
import { inProcessConfirmation } from './events/publish-confirmation.js';
import { createClusterFanout } from './events/socket-fanout.js';
import { createMailSender } from './mail/create-mail-sender.js';

export interface BootedApi {
  deps: ApiDependencies;
  /** Closes what boot opened, in reverse order. */
  close(): Promise<void>;
}

/**
 * Opens what the API runs on, by configuration: Postgres or PGlite (migrated), Redis or nothing, the
 * signing keys, the mail sender. The standalone server hands over its gateway's Socket.IO server and
 * revoked-session list (`shared`); otherwise the API builds its own Socket.IO server on the Redis adapter
 * and its own list (on Redis, or in memory).
 */
export async function bootApi(
  config: ApiConfig,
  logger: FastifyBaseLogger,
  shared?: { io: Server; revokedSessions: RevokedSessions },
): Promise<BootedApi> {
  const io = shared?.io;
  const closers: (() => Promise<void>)[] = [];
  try {
    const database = await openDatabase({
      databaseUrl: config.DATABASE_URL,
      dataDir: config.DATA_DIR,
      poolSize: config.DATABASE_POOL_SIZE,
      onStep: (step) => logger.info(step),
    });
    closers.push(() => database.close());
    logger.info('migrating the database');
    const applied = await migrateToLatest(database.db as never);
    logger.info({ database: database.kind, applied }, 'database ready');

    let redis: RedisClient | null = null;
    if (config.REDIS_URL) {
      const client = await connectRedis(config.REDIS_URL, logger, 'api');
      redis = client;
      closers.push(() => client.close());
    }

    let fanout: Pick<ApiDependencies, 'io' | 'fanoutReady' | 'confirmPublished'>;
    if (io) {
      fanout = { io, fanoutReady: () => true, confirmPublished: inProcessConfirmation };
    } else if (redis) {
      const cluster = await createClusterFanout(redis, config.REDIS_PREFIX);
      closers.push(() => cluster.close());
      fanout = { io: cluster.io, fanoutReady: cluster.ready, confirmPublished: cluster.confirmPublished };
    } else {
      // No gateway and no Redis: nobody to deliver to, but the outbox still records every event.
      fanout = { io: new Server(), fanoutReady: () => true, confirmPublished: inProcessConfirmation };
    }

    let revokedSessions = shared?.revokedSessions;
    if (!revokedSessions) {
      const list = redis
        ? await redisRevokedSessions(redis, config.REDIS_PREFIX, logger)
        : memoryRevokedSessions();
      revokedSessions = list;
      closers.push(() => list.close());
    }

    const keys = await loadSigningKeys({
      privateKeyPem: config.JWT_PRIVATE_KEY,
      keyId: config.JWT_KEY_ID,
      dataDir: config.DATABASE_URL ? undefined : config.DATA_DIR,
    });

    return {
      deps: {
        config,
        db: database.db,
        redis,
        keys,
        mailSender: createMailSender(config, logger),
        revokedSessions,
        ...fanout,
      },
      async close() {
        for (const close of closers.reverse()) await close();
      },
    };
  } catch (error) {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    throw error;
  }
}
