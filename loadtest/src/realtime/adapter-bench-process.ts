// Child process of the adapter-cost benchmark: a bare Socket.IO server (or publisher) whose only variable
// is the adapter — Socket.IO's in-memory one (standalone) or the sharded Redis adapter with dynamic
// subscriptions, configured as the gateway and the cluster API configure it.
import { createServer } from 'node:http';
import { roomChannel, type ServerToClientEvents } from '@livechat/protocol';
import { roomShardedAdapter } from '@livechat/server-kit';
import { createClient } from 'redis';
import { Server, type ServerOptions } from 'socket.io';
import { notifyParent, serveRpc } from '../ipc/ipc-rpc.js';
import type { AdapterBenchMethods, AdapterBenchOptions, AdapterBenchReady } from './adapter-bench-rpc.js';
import { benchMessageEvent } from './bench-message-event.js';

const options = JSON.parse(process.env.ADAPTER_BENCH_OPTIONS ?? '{}') as AdapterBenchOptions;

async function shardedAdapter(prefix: string): Promise<ServerOptions['adapter']> {
  const publisher = createClient({ url: options.redisUrl });
  const subscriber = publisher.duplicate();
  await Promise.all([publisher.connect(), subscriber.connect()]);
  return roomShardedAdapter(publisher, subscriber, prefix);
}

const adapter = options.redisPrefix ? await shardedAdapter(options.redisPrefix) : undefined;
const serverOptions: Partial<ServerOptions> = {
  transports: ['websocket'],
  serveClient: false,
  ...(adapter ? { adapter } : {}),
};
let url = '';
let io: Server<Record<string, never>, ServerToClientEvents>;
if (options.role === 'server') {
  const http = createServer();
  io = new Server(http, serverOptions);
  // No auth here: the handshake token names the one room the socket joins (the gateway's cost is not measured).
  io.on('connection', async (socket) => {
    await socket.join(roomChannel((socket.handshake.auth as { token: string }).token));
    socket.emit('ready', { rooms: 1 });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(http.address() as { port: number }).port}`;
} else {
  io = new Server(serverOptions);
}

const methods: AdapterBenchMethods = {
  async emitTo({ roomIds }) {
    for (const roomId of roomIds) io.to(roomChannel(roomId)).emit('message:new', benchMessageEvent(roomId));
  },
};

process.on('SIGTERM', () => process.exit(0));
process.on('disconnect', () => process.exit(0));
serveRpc(methods);
notifyParent('ready', { url } satisfies AdapterBenchReady);
