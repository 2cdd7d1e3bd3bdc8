// Child process: the minimal send endpoint baseline — plain node:http and `pg` on its own database, then
// a publish through Socket.IO's classic Redis adapter. No auth, validation, rate limit or outbox: the
// least a persisted, ordered, fanned-out send can cost.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import pg from 'pg';
import { Server } from 'socket.io';
import { notifyParent, serveRpc } from '../../ipc/ipc-rpc.js';
import { bareSendPath, type BareOptions, type BareReady, type BareSendMethods } from './bare-rpc.js';
import { classicRedisAdapter } from './classic-redis-adapter.js';

const options = JSON.parse(process.env.BARE_OPTIONS ?? '{}') as BareOptions;
const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
// A Socket.IO server without a listener only publishes, as the cluster API's does.
const io = new Server({ adapter: await classicRedisAdapter(options.redisUrl, options.redisPrefix) });
const sender = { id: randomUUID(), displayName: 'Baseline sender' };
const route = new RegExp(`^${bareSendPath('([0-9a-f-]{36})').replaceAll('/', '\\/')}$`);

async function readJson(request: IncomingMessage): Promise<{ clientId: string; body: string }> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as { clientId: string; body: string };
}

async function send(roomId: string, input: { clientId: string; body: string }) {
  const client = await pool.connect();
  try {
    await client.query('begin');
    // The room's row lock orders concurrent sends: the seq is gapless and unique per room.
    const room = await client.query<{ last_seq: string }>(
      'update rooms set last_seq = last_seq + 1 where id = $1 returning last_seq',
      [roomId],
    );
    const seq = Number(room.rows[0]!.last_seq);
    const inserted = await client.query<{ id: string; created_at: Date }>(
      'insert into messages (room_id, seq, client_id, body) values ($1, $2, $3, $4) returning id, created_at',
      [roomId, seq, input.clientId, input.body],
    );
    await client.query('commit');
    const row = inserted.rows[0]!;
    return {
      id: row.id,
      roomId,
      seq,
      revision: seq,
      sender,
      clientId: input.clientId,
      body: input.body,
      replyTo: null,
      createdAt: row.created_at.toISOString(),
      editedAt: null,
      deletedAt: null,
    };
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

async function handle(request: IncomingMessage, response: ServerResponse) {
  const roomId = request.method === 'POST' ? route.exec(request.url ?? '')?.[1] : undefined;
  if (!roomId) return void response.writeHead(404).end();
  try {
    const message = await send(roomId, await readJson(request));
    io.to(roomId).emit('message:new', { roomId, lastSeq: message.seq, revision: message.seq, message });
    response.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify(message));
  } catch (error) {
    response.writeHead(500).end(String(error));
  }
}

const methods: BareSendMethods = {
  async createRooms({ count }) {
    const ids = Array.from({ length: count }, () => randomUUID());
    await pool.query('insert into rooms (id) select unnest($1::uuid[])', [ids]);
    return ids;
  },
  async countMessages() {
    const result = await pool.query<{ count: string }>('select count(*) from messages');
    return Number(result.rows[0]!.count);
  },
};

const http = createServer((request, response) => void handle(request, response));
http.keepAliveTimeout = 60_000;
await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
const close = () => void pool.end().finally(() => process.exit(0));
process.on('SIGTERM', close);
process.on('disconnect', close);
serveRpc(methods);
notifyParent('ready', {
  url: `http://127.0.0.1:${(http.address() as { port: number }).port}`,
} satisfies BareReady);
