import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { accessTokenVerifier } from '@livechat/access-token';
import { TEST_ORIGIN, TEST_REDIS_URL, type TestApi } from '@livechat/api/testing';
import {
  connectRedis,
  operations,
  redisRevokedSessions,
  serverOptions,
  type RedisClient,
  type RevokedSessions,
} from '@livechat/server-kit';
import { loadGatewayConfig, type GatewayConfig } from '../../src/config.js';
import { gatewayPlugin } from '../../src/gateway-plugin.js';
import { httpSessionBatches } from '../../src/http-session-source.js';
import { batchingSessionSource } from '../../src/session-source.js';

export interface TestGateway {
  app: FastifyInstance;
  url: string;
  config: GatewayConfig;
  close(): Promise<void>;
}

/** The environment a gateway of this API's deployment runs with (same Redis prefix, its public keys). */
export function gatewayEnv(api: TestApi, env: Record<string, string> = {}): Record<string, string> {
  return {
    REDIS_URL: api.config.REDIS_URL ?? TEST_REDIS_URL,
    REDIS_PREFIX: api.config.REDIS_PREFIX,
    API_URL: api.url,
    JWT_PUBLIC_KEYS: JSON.stringify(api.deps.keys.publicKeys),
    ALLOWED_ORIGINS: TEST_ORIGIN,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    INSTANCE_ID: `gw-test-${randomUUID().slice(0, 8)}`,
    ...env,
  };
}

/** A gateway replica in this process, on port 0, sharing the API's Redis (a cluster of one API). */
export async function startGateway(api: TestApi, env: Record<string, string> = {}): Promise<TestGateway> {
  const config = loadGatewayConfig(gatewayEnv(api, env));
  const app = Fastify(serverOptions({ service: 'gateway-test', logLevel: config.LOG_LEVEL }));
  let redis: RedisClient | undefined;
  let revokedSessions: RevokedSessions | undefined;
  try {
    redis = await connectRedis(config.REDIS_URL!, app.log, 'gateway-test');
    revokedSessions = await redisRevokedSessions(redis, config.REDIS_PREFIX, app.log);
    await app.register(operations);
    await app.register(gatewayPlugin, {
      config,
      verifyToken: accessTokenVerifier(api.deps.keys.publicKeys),
      loadSession: batchingSessionSource(httpSessionBatches({ baseUrl: api.url })),
      redis,
      revokedSessions,
    });
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const client = redis;
    const list = revokedSessions;
    return {
      app,
      url,
      config,
      async close() {
        await app.close();
        await list.close();
        client.destroy();
      },
    };
  } catch (error) {
    await app.close().catch(() => undefined);
    await revokedSessions?.close();
    redis?.destroy();
    throw error;
  }
}
