// Child process: the bare Socket.IO baseline — one replica of a plain Socket.IO 4.8 server on the classic
// Redis adapter. No auth: the handshake token names the one room the socket joins.
import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { notifyParent } from '../../ipc/ipc-rpc.js';
import type { BareOptions, BareReady } from './bare-rpc.js';
import { classicRedisAdapter } from './classic-redis-adapter.js';

const options = JSON.parse(process.env.BARE_OPTIONS ?? '{}') as BareOptions;
const http = createServer();
const io = new Server(http, {
  transports: ['websocket'],
  serveClient: false,
  adapter: await classicRedisAdapter(options.redisUrl, options.redisPrefix),
});
io.on('connection', async (socket) => {
  await socket.join((socket.handshake.auth as { token: string }).token);
  // The socket drivers wait for `ready`, as they do with LiveChat: here it means connected and joined.
  socket.emit('ready', { rooms: 1 });
});
await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));

process.on('SIGTERM', () => process.exit(0));
process.on('disconnect', () => process.exit(0));
notifyParent('ready', {
  url: `http://127.0.0.1:${(http.address() as { port: number }).port}`,
} satisfies BareReady);
