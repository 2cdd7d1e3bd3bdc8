import Fastify, { type FastifyInstance } from 'fastify';
import type { VerifyAccessToken } from '@livechat/access-token';
import { apiPlugin, bootApi, servedOverHttps } from '@livechat/api';
import { apiSessionBatches, batchingSessionSource, gatewayPlugin } from '@livechat/gateway';
import {
  connectRedis,
  memoryRevokedSessions,
  operations,
  redisRevokedSessions,
  serverOptions,
  type RedisClient,
  type RevokedSessions,
} from '@livechat/server-kit';
import { injectFetch } from './inject-fetch.js';
import type { StandaloneConfig } from './standalone-config.js';
import { webApp } from './web-app.js';

/**
 * One Fastify server with everything: operations, the gateway (its Socket.IO server is the one the API
 * publishes through, so events go straight to the sockets), the API, and the web app. Redis is used only
 * if REDIS_URL is set; otherwise fan-out and presence stay in this process.
 */
export async function buildStandaloneServer(config: StandaloneConfig): Promise<FastifyInstance> {
  const { api: apiConfig, gateway: gatewayConfig } = config;
  const app = Fastify(
    serverOptions({
      service: 'livechat',
      logLevel: apiConfig.LOG_LEVEL,
      bodyLimit: apiConfig.BODY_LIMIT_BYTES,
      trustProxy: apiConfig.TRUST_PROXY,
    }),
  );
  let redis: RedisClient | null = null;
  let revokedSessions: RevokedSessions | null = null;
  try {
    if (apiConfig.REDIS_URL) redis = await connectRedis(apiConfig.REDIS_URL, app.log, 'gateway');
    // One list for the gateway and the API: in memory, a revocation is seen by both at once.
    revokedSessions = redis
      ? await redisRevokedSessions(redis, apiConfig.REDIS_PREFIX, app.log)
      : memoryRevokedSessions();
    const list = revokedSessions;
    app.addHook('onClose', () => list.close());
    // The gateway needs the token verifier before the API (which holds the keys) can boot, and the API
    // needs the gateway's Socket.IO server: the verifier is bound once the API is up, before we listen.
    const bound: { verify?: VerifyAccessToken } = {};
    const verifyToken: VerifyAccessToken = (token) => bound.verify!(token);
    await app.register(operations, {
      metrics: { port: apiConfig.METRICS_PORT, host: apiConfig.METRICS_HOST },
      https: servedOverHttps(apiConfig),
    });
    await app.register(gatewayPlugin, {
      config: gatewayConfig,
      verifyToken,
      loadSession: batchingSessionSource(
        apiSessionBatches({ baseUrl: 'http://standalone.invalid', fetch: injectFetch(app) }),
      ),
      redis,
      revokedSessions,
    });
    const booted = await bootApi(apiConfig, app.log, { io: app.io, revokedSessions });
    app.addHook('onClose', () => booted.close());
    await app.register(apiPlugin, { deps: booted.deps });
    bound.verify = app.tokens.verify;
    await app.register(webApp, { webDir: config.webDir });
    if (redis) {
      const client = redis;
      app.addHook('onClose', async () => client.destroy());
    }
    return app;
  } catch (error) {
    await app.close().catch(() => undefined);
    await revokedSessions?.close();
    redis?.destroy();
    throw error;
  }
}
