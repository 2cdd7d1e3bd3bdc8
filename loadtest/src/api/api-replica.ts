import { LISTEN_BACKLOG } from '@livechat/server-kit';
import { buildApiServer, loadApiConfig } from '@livechat/api';
import { createTestDatabase, TEST_REDIS_URL } from '@livechat/api/testing';
import type { BenchApiOptions } from './api-process-rpc.js';
import type { ServerUnderTest } from './server-under-test.js';

/**
 * One API replica of several on one database and one Redis prefix, built as the API's own entry
 * (`services/api/src/main.ts`) builds it: the deployed configuration (admission control included) with
 * a signing key shared by every replica. The first replica creates the database (dropped on close); the
 * others join it. The test-support server cannot do this: it generates a key of its own per instance.
 */
export async function startApiReplica(
  options: BenchApiOptions & { replica: NonNullable<BenchApiOptions['replica']> },
): Promise<ServerUnderTest> {
  const { signingKey, databaseUrl } = options.replica;
  const database = databaseUrl
    ? { url: databaseUrl, close: async () => undefined }
    : await createTestDatabase();
  const config = loadApiConfig({
    DATABASE_URL: database.url!,
    JWT_PRIVATE_KEY: signingKey.privateKeyPem,
    JWT_KEY_ID: signingKey.kid,
    LOG_LEVEL: 'silent',
    ...(options.redisPrefix ? { REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: options.redisPrefix } : {}),
    ...options.env,
  });
  const { app, booted } = await buildApiServer(config);
  const url = await app.listen({ port: 0, host: '127.0.0.1', backlog: LISTEN_BACKLOG });
  return {
    app,
    url,
    publicKeys: booted.deps.keys.publicKeys,
    databaseUrl: database.url,
    async close() {
      await app.close();
      await database.close();
    },
  };
}
