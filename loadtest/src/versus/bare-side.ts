import type { RpcClient } from '../ipc/ipc-rpc.js';
import type { BareSendMethods } from './baselines/bare-rpc.js';
import { bareSendPath } from './baselines/bare-rpc.js';
import { createBareDatabase } from './baselines/bare-database.js';
import {
  startBareSendEndpoint,
  startBareSocketServer,
  type BareProcess,
} from './baselines/bare-processes.js';
import type { CleanupStack } from './cleanup-stack.js';
import { dropRedisPrefix, freshRedisPrefix } from './redis-prefix.js';
import type { SendRoute } from './send-tally.js';

/**
 * The baselines: the minimal send endpoint (its own fresh database on the same Postgres, dropped at the
 * end) publishing through the classic Redis adapter, and bare Socket.IO replicas on that adapter, started
 * per row. Rooms are plain ids: a bare socket joins the room its handshake names.
 */
export interface BareSide {
  endpoint: BareProcess & RpcClient<BareSendMethods>;
  databaseName: string;
  /** The first `count` rooms (created on first need). */
  rooms(count: number): Promise<string[]>;
  sendRoute(roomId: string): SendRoute;
  startServers(count: number): Promise<BareProcess[]>;
}

/** Same pool size as the LiveChat API's in the benchmark (BENCH_API_ENV.DATABASE_POOL_SIZE). */
const POOL_SIZE = 10;

export async function startBareSide(cleanups: CleanupStack): Promise<BareSide> {
  const redisPrefix = freshRedisPrefix('versus_bare');
  cleanups.defer(() => dropRedisPrefix(redisPrefix));
  const database = await createBareDatabase();
  cleanups.defer(() => database.drop());
  const endpoint = await startBareSendEndpoint({
    redisPrefix,
    databaseUrl: database.url,
    poolSize: POOL_SIZE,
  });
  cleanups.defer(() => endpoint.stop());
  let roomIds: string[] = [];
  return {
    endpoint,
    databaseName: database.name,
    async rooms(count) {
      if (roomIds.length < count)
        roomIds = [...roomIds, ...(await endpoint.call('createRooms', { count: count - roomIds.length }))];
      return roomIds.slice(0, count);
    },
    sendRoute: (roomId) => ({ url: `${endpoint.url}${bareSendPath(roomId)}` }),
    async startServers(count) {
      const servers: BareProcess[] = [];
      for (let index = 0; index < count; index++) {
        const server = await startBareSocketServer(redisPrefix);
        servers.push(server);
        cleanups.defer(() => server.stop());
      }
      return servers;
    },
  };
}
