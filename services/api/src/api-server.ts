import Fastify, { type FastifyInstance } from 'fastify';
import { operations, serverOptions } from '@livechat/server-kit';
import { apiPlugin } from './app.js';
import { bootApi, type BootedApi } from './boot.js';
import { servedOverHttps, type ApiConfig } from './config.js';

/**
 * The API-only server of a cluster, not yet listening: operations routes, the API booted on what its
 * configuration names, and closing it closes what it opened. The one composition that `main.ts` runs and
 * that benchmarks start as replicas.
 */
export async function buildApiServer(
  config: ApiConfig,
): Promise<{ app: FastifyInstance; booted: BootedApi }> {
  const app = Fastify(
    serverOptions({
      service: 'api',
      logLevel: config.LOG_LEVEL,
      bodyLimit: config.BODY_LIMIT_BYTES,
      trustProxy: config.TRUST_PROXY,
    }),
  );
  const booted = await bootApi(config, app.log);
  await app.register(operations, {
    metrics: { port: config.METRICS_PORT, host: config.METRICS_HOST },
    https: servedOverHttps(config),
  });
  await app.register(apiPlugin, { deps: booted.deps });
  app.addHook('onClose', () => booted.close());
  return { app, booted };
}
