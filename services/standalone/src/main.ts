import { ConfigError } from '@livechat/protocol';
import { closeOnSignals, LISTEN_BACKLOG } from '@livechat/server-kit';
import { earlierDataDirNote } from './earlier-data-dir.js';
import { loadStandaloneConfig } from './standalone-config.js';
import { buildStandaloneServer } from './standalone-server.js';

// `npm start`: API, gateway and web app on one port, no Postgres, Redis or Docker needed.
async function boot() {
  try {
    const config = loadStandaloneConfig();
    return { config, app: await buildStandaloneServer(config) };
  } catch (error) {
    // Bad configuration, or the data folder held by another process: say so plainly and stop.
    const known = error instanceof ConfigError || /data folder .* is in use/.test(String(error));
    if (!known) throw error;
    console.error((error as Error).message);
    process.exit(1);
  }
}

const { config, app } = await boot();
const address = await app.listen({ port: config.api.PORT, host: config.api.HOST, backlog: LISTEN_BACKLOG });
const { PUBLIC_URL, DEV_MAILBOX, DATABASE_URL, DATA_DIR } = config.api;
console.log(
  [
    `LiveChat is running at ${PUBLIC_URL} (listening on ${address})`,
    DATABASE_URL ? 'Data: Postgres (DATABASE_URL)' : `Data folder: ${DATA_DIR} (embedded PGlite and keys)`,
    DEV_MAILBOX ? `Mail: not sent; read it at ${PUBLIC_URL}/api/dev/mailbox` : 'Mail: sent through Resend',
    ...(DATABASE_URL ? [] : [earlierDataDirNote(DATA_DIR)].filter((line) => line !== null)),
  ].join('\n'),
);
closeOnSignals(() => app.close(), app.log, config.api.SHUTDOWN_GRACE_MS);
