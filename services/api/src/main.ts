import { closeOnSignals, LISTEN_BACKLOG } from '@livechat/server-kit';
import { buildApiServer } from './api-server.js';
import { loadApiConfig } from './config.js';

// The API-only process of a cluster: it reaches sockets only through Redis, so REDIS_URL is required.
const config = loadApiConfig();
if (!config.REDIS_URL) {
  console.error(
    'Invalid configuration: REDIS_URL is required to run the API on its own (cluster mode); use `npm start` for standalone.',
  );
  process.exit(1);
}

const { app } = await buildApiServer(config);
await app.listen({ port: config.PORT, host: config.HOST, backlog: LISTEN_BACKLOG });
closeOnSignals(() => app.close(), app.log, config.SHUTDOWN_GRACE_MS);
