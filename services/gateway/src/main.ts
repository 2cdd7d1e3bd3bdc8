import Fastify from 'fastify';
import { accessTokenVerifier } from '@livechat/access-token';
import { ConfigError } from '@livechat/protocol';
import {
  closeOnSignals,
  connectRedis,
  LISTEN_BACKLOG,
  operations,
  redisRevokedSessions,
  serverOptions,
} from '@livechat/server-kit';
import { loadGatewayConfig, requireClusterSettings } from './config.js';
import { gatewayPlugin } from './gateway-plugin.js';
import { httpSessionBatches } from './http-session-source.js';
import { batchingSessionSource } from './session-source.js';

// The gateway-only process of a cluster: Redis carries events between it, the API and the other
// replicas; it verifies tokens with the API's public keys and asks the API for memberships.
function loadSettings() {
  try {
    const config = loadGatewayConfig();
    return { config, ...requireClusterSettings(config) };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

const { config, redisUrl, publicKeys } = loadSettings();
const app = Fastify(
  serverOptions({ service: 'gateway', logLevel: config.LOG_LEVEL, trustProxy: config.TRUST_PROXY }),
);
const redis = await connectRedis(redisUrl, app.log, 'gateway');
// Written by the API (which rebuilds it from Postgres); this gateway only reads it.
const revokedSessions = await redisRevokedSessions(redis, config.REDIS_PREFIX, app.log);
await app.register(operations, { metrics: { port: config.METRICS_PORT, host: config.METRICS_HOST } });
await app.register(gatewayPlugin, {
  config,
  verifyToken: accessTokenVerifier(publicKeys),
  loadSession: batchingSessionSource(
    httpSessionBatches({ baseUrl: config.API_URL, timeoutMs: config.SESSION_LOAD_TIMEOUT_MS }),
  ),
  redis,
  revokedSessions,
});
await app.listen({ port: config.PORT, host: config.HOST, backlog: LISTEN_BACKLOG });
app.log.info({ instance: config.INSTANCE_ID }, 'gateway ready');
closeOnSignals(
  async () => {
    await app.close();
    await revokedSessions.close();
    redis.destroy();
  },
  app.log,
  config.SHUTDOWN_GRACE_MS,
);
