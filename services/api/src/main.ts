import Fastify from 'fastify';
import { closeOnSignals, operations, serverOptions } from '@livechat/server-kit';
import { apiPlugin } from './app.js';
import { bootApi } from './boot.js';
import { loadApiConfig } from './config.js';

// The API-only process of a cluster: it reaches sockets only through Redis, so REDIS_URL is required.
const config = loadApiConfig();
if (!config.REDIS_URL) {
  console.error(
    'Invalid configuration: REDIS_URL is required to run the API on its own (cluster mode); use `npm start` for standalone.',
  );
  process.exit(1);
}

const app = Fastify(
  serverOptions({
    service: 'api',
    logLevel: config.LOG_LEVEL,
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: config.TRUST_PROXY,
  }),
);
const booted = await bootApi(config, app.log);
await app.register(operations);
await app.register(apiPlugin, { deps: booted.deps });
app.addHook('onClose', () => booted.close());
await app.listen({ port: config.PORT, host: config.HOST });
closeOnSignals(() => app.close(), app.log, config.SHUTDOWN_GRACE_MS);
