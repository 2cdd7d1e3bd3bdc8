import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { Server } from 'socket.io';
import {
  connectRedis,
  memoryRevokedSessions,
  operations,
  redisRevokedSessions,
  serverOptions,
  type RedisClient,
  type RevokedSessions,
} from '@livechat/server-kit';
import { apiPlugin } from '../../src/app.js';
import { generateSigningKeyPair, importSigningKey } from '@livechat/access-token';
import { loadApiConfig, servedOverHttps, type ApiConfig } from '../../src/config.js';
import type { SigningKeys } from '../../src/auth/signing-keys.js';
import type { ApiDependencies } from '../../src/context.js';
import { inProcessConfirmation, type ConfirmPublished } from '../../src/events/publish-confirmation.js';
import { createClusterFanout } from '../../src/events/socket-fanout.js';
import type { MailSender } from '../../src/mail/mail-sender.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const TEST_ORIGIN = 'http://chat.test';

export interface TestApi {
  app: FastifyInstance;
  /** Base URL when started with `listen: true`. */
  url: string;
  deps: ApiDependencies;
  database: TestDatabase;
  config: ApiConfig;
  close(): Promise<void>;
}

export interface TestApiOptions {
  env?: Record<string, string>;
  /** Fan out through the sharded Redis adapter under a fresh prefix (as in a cluster). */
  redis?: boolean;
  /** Redis URL to use instead of the shared one (tests that stop Redis run their own). */
  redisUrl?: string;
  listen?: boolean;
  mailSender?: MailSender;
  /** Reuse a database (e.g. two API replicas on one database). */
  database?: TestDatabase;
  /** Reuse signing keys (replicas of one deployment verify each other's tokens). */
  keys?: SigningKeys;
  /** Wraps the transport's confirmation, e.g. to hold publishes as a slow Redis would. */
  wrapConfirmation?: (confirm: ConfirmPublished) => ConfirmPublished;
}

/**
 * A real API on a fresh database (Postgres, or PGlite under LIVECHAT_TEST_STORAGE=pglite), optionally on
 * Redis under a fresh key and channel prefix. Nothing of ours is mocked; mail goes to the dev sender
 * unless a test passes the Resend sender pointed at its stub.
 */
export async function startTestApi(options: TestApiOptions = {}): Promise<TestApi> {
  const ownDatabase = !options.database;
  const database = options.database ?? (await createTestDatabase());
  const redisUrl = options.redisUrl ?? (options.redis ? TEST_REDIS_URL : undefined);
  const config = loadApiConfig({
    PUBLIC_URL: TEST_ORIGIN,
    DEV_MAILBOX: 'true',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    REDIS_PREFIX: `lc_test_${randomUUID().slice(0, 8)}`,
    RATE_LIMIT_AUTH_PER_MINUTE: '1000',
    RATE_LIMIT_SEND_PER_10S: '100000',
    // Tests burst on a loaded machine: shedding is tested on its own (admission.integration.test.ts).
    ADMISSION_QUEUE_LENGTH: '10000',
    ADMISSION_QUEUE_WAIT_MS: '30000',
    ADMISSION_MAX_LOOP_DELAY_MS: '0',
    ...(database.url ? { DATABASE_URL: database.url } : {}),
    ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
    ...options.env,
  });
  const app = Fastify(
    serverOptions({
      service: 'api-test',
      logLevel: config.LOG_LEVEL,
      bodyLimit: config.BODY_LIMIT_BYTES,
      trustProxy: config.TRUST_PROXY,
    }),
  );
  const closers: (() => Promise<void>)[] = [];

  let redis: RedisClient | null = null;
  let fanout: Pick<ApiDependencies, 'io' | 'fanoutReady' | 'confirmPublished'>;
  let revokedSessions: RevokedSessions;
  if (redisUrl) {
    const client = await connectRedis(redisUrl, app.log, 'api-test');
    redis = client;
    const cluster = await createClusterFanout(client, config.REDIS_PREFIX);
    revokedSessions = await redisRevokedSessions(client, config.REDIS_PREFIX, app.log);
    const list = revokedSessions;
    closers.push(
      () => cluster.close(),
      () => list.close(),
      async () => client.destroy(),
    );
    fanout = { io: cluster.io, fanoutReady: cluster.ready, confirmPublished: cluster.confirmPublished };
  } else {
    const io = new Server();
    revokedSessions = memoryRevokedSessions();
    const list = revokedSessions;
    closers.push(
      () => io.close(),
      () => list.close(),
    );
    fanout = { io, fanoutReady: () => true, confirmPublished: inProcessConfirmation };
  }

  const keys = options.keys ?? (await generateKeys());
  const deps: ApiDependencies = {
    config,
    db: database.db,
    redis,
    keys,
    mailSender: options.mailSender ?? { name: 'test-null', send: async () => undefined },
    revokedSessions,
    ...fanout,
    confirmPublished: options.wrapConfirmation?.(fanout.confirmPublished) ?? fanout.confirmPublished,
  };
  await app.register(operations, { https: servedOverHttps(config) });
  await app.register(apiPlugin, { deps });
  let url = '';
  if (options.listen) url = await app.listen({ port: 0, host: '127.0.0.1' });
  else await app.ready();

  return {
    app,
    url,
    deps,
    database,
    config,
    async close() {
      await app.close();
      for (const close of closers) await close().catch(() => undefined);
      if (ownDatabase) await database.close();
    },
  };
}

async function generateKeys(): Promise<SigningKeys> {
  const pair = await generateSigningKeyPair();
  return { signingKey: await importSigningKey(pair.privateKeyPem, pair.kid), publicKeys: pair.publicKeys };
}
