import { LISTEN_BACKLOG } from '@livechat/server-kit';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { PublicKeySet } from '@livechat/access-token';
import { generateSigningKeyPair } from '@livechat/access-token';
import { createTestDatabase, startTestApi, TEST_REDIS_URL } from '@livechat/api/testing';
import { buildStandaloneServer, loadStandaloneConfig } from '@livechat/standalone';
import type { BenchApiOptions } from './api-process-rpc.js';
import { startApiReplica } from './api-replica.js';

async function freshDataFolder() {
  const dir = await mkdtemp(join(tmpdir(), 'livechat-bench-data-'));
  return { env: { DATA_DIR: dir }, close: () => rm(dir, { recursive: true, force: true }) };
}

/** A running server the benchmark drives: its Fastify instance (for `db` and `tokens`) and its address. */
export interface ServerUnderTest {
  app: FastifyInstance;
  url: string;
  publicKeys: PublicKeySet;
  databaseUrl?: string | undefined;
  close(): Promise<void>;
}

/**
 * Starts what `options` asks for on a fresh database that is dropped on close: the API alone (the test
 * support server, as in a cluster) or the standalone server (API and gateway in one process, as `npm start`
 * runs it, here on the benchmark's Postgres database or in a fresh PGlite data folder).
 */
export async function startServerUnderTest(options: BenchApiOptions): Promise<ServerUnderTest> {
  // The test support picks its storage from this variable, as it does for the PGlite test run.
  process.env.LIVECHAT_TEST_STORAGE = options.storage;
  const redisEnv: Record<string, string> = options.redisPrefix ? { REDIS_PREFIX: options.redisPrefix } : {};
  if (options.kind !== 'standalone' && options.replica)
    return startApiReplica({ ...options, replica: options.replica });
  if (options.kind !== 'standalone') {
    const api = await startTestApi({
      listen: true,
      redis: options.redisPrefix !== undefined,
      env: { ...redisEnv, ...options.env },
    });
    return {
      app: api.app,
      url: api.url,
      publicKeys: api.deps.keys.publicKeys,
      databaseUrl: api.database.url,
      close: () => api.close(),
    };
  }

  // On PGlite the standalone server opens its own data folder, as `npm start` does: a fresh one, removed on close.
  const database =
    options.storage === 'pglite'
      ? await freshDataFolder()
      : await createTestDatabase().then((handle) => ({
          env: { DATABASE_URL: handle.url! },
          close: () => handle.close(),
        }));
  const pair = await generateSigningKeyPair();
  const app = await buildStandaloneServer(
    loadStandaloneConfig({
      ...database.env,
      JWT_PRIVATE_KEY: pair.privateKeyPem,
      JWT_KEY_ID: pair.kid,
      LOG_LEVEL: 'silent',
      ...(options.redisPrefix ? { REDIS_URL: TEST_REDIS_URL, ...redisEnv } : {}),
      ...options.env,
    }),
  );
  const url = await app.listen({ port: 0, host: '127.0.0.1', backlog: LISTEN_BACKLOG });
  return {
    app,
    url,
    publicKeys: pair.publicKeys,
    async close() {
      await app.close();
      await database.close();
    },
  };
}
