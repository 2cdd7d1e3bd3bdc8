import { generateSigningKeyPair } from '@livechat/access-token';
import { ROUTES } from '@livechat/protocol';
import { startApiProcess, type BenchApi } from '../api/api-process-handle.js';
import type { BenchUser } from '../api/api-process-rpc.js';
import { createRooms } from '../api/create-rooms.js';
import { startGatewayProcess, type GatewayProcess } from '../realtime/gateway-process.js';
import { createMemberRooms } from '../realtime/member-rooms.js';
import type { CleanupStack } from './cleanup-stack.js';
import { dropRedisPrefix, freshRedisPrefix } from './redis-prefix.js';
import type { SendRoute } from './send-tally.js';

/** Users of one room, as the realtime rows need them: every member has a token and one room to join. */
export interface MemberRoom {
  id: string;
  members: BenchUser[];
}

/**
 * Admission as the test support sets it (a deep, patient queue) for `api`: row 1 measures what the API
 * can persist under a closed loop of 200 senders, and the deployed queue (200 requests, 100 ms) would
 * shed most of them instead. The replicas of `apiReplicas` run the deployed defaults.
 */
const CAPACITY_ADMISSION = {
  ADMISSION_QUEUE_LENGTH: '10000',
  ADMISSION_QUEUE_WAIT_MS: '30000',
  ADMISSION_MAX_LOOP_DELAY_MS: '0',
};

/**
 * LiveChat as the cluster runs it, on this machine: API replicas (Postgres, one fresh database the first
 * drops on exit; sharded Redis adapter under one fresh prefix; one signing key), and gateway replicas
 * started per row, so that each row measures fresh gateways. Users are created once and reused by the
 * rows that need more sockets.
 */
export interface LiveChatSide {
  /** The first API replica: it owns the database, creates users and serves row 1. */
  api: BenchApi;
  /**
   * `count` further API replicas on the same database, prefix and key, with the deployed admission
   * control (started on first need, shared by the rows that ask; row 2 past saturation, row 3 fan-out).
   */
  apiReplicas(count: number): Promise<BenchApi[]>;
  databaseName: string;
  /** The first `count` users in rooms of `roomSize` (created on first need). */
  memberRooms(count: number, roomSize: number): Promise<MemberRoom[]>;
  /** `rooms` rooms with `sendersPerRoom` senders each, a user sending into each (the send row's shape). */
  senderRooms(rooms: number, sendersPerRoom: number): Promise<{ roomId: string; user: BenchUser }[]>;
  /** The send route of `roomId` on `api` (the first replica unless told). */
  sendRoute(roomId: string, user: BenchUser, api?: BenchApi): SendRoute;
  startGateways(count: number): Promise<GatewayProcess[]>;
}

export async function startLiveChatSide(cleanups: CleanupStack): Promise<LiveChatSide> {
  const redisPrefix = freshRedisPrefix('versus');
  cleanups.defer(() => dropRedisPrefix(redisPrefix));
  const { privateKeyPem, kid } = await generateSigningKeyPair();
  const signingKey = { privateKeyPem, kid };
  const api = await startApiProcess({
    storage: 'postgres',
    redisPrefix,
    env: CAPACITY_ADMISSION,
    replica: { signingKey },
  });
  cleanups.defer(() => api.stop());
  const databaseName = await api.call('databaseName', {});
  const replicas: BenchApi[] = [];
  let rooms: MemberRoom[] = [];
  let roomSizeOfPool = 0;

  return {
    api,
    async apiReplicas(count) {
      while (replicas.length < count) {
        const replica = await startApiProcess({
          storage: 'postgres',
          redisPrefix,
          replica: { signingKey, databaseUrl: api.databaseUrl! },
        });
        replicas.push(replica);
        cleanups.defer(() => replica.stop());
      }
      return replicas.slice(0, count);
    },
    databaseName,
    async memberRooms(count, roomSize) {
      if (roomSizeOfPool !== roomSize) [rooms, roomSizeOfPool] = [[], roomSize];
      const have = rooms.length * roomSize;
      if (have < count) {
        const users = await api.call('createUsers', { count: count - have });
        rooms = [...rooms, ...(await createMemberRooms(api.url, users, roomSize))];
      }
      return rooms.slice(0, Math.ceil(count / roomSize));
    },
    async senderRooms(roomCount, sendersPerRoom) {
      const users = await api.call('createUsers', { count: roomCount * sendersPerRoom });
      // Room r belongs to user r; users r + rooms, r + 2·rooms… are its other members and senders.
      const roomIds = await createRooms(
        api.url,
        Array.from({ length: roomCount }, (_, room) => ({
          owner: users[room]!,
          members: users.filter((_, index) => index % roomCount === room && index !== room),
        })),
      );
      return users.map((user, index) => ({ roomId: roomIds[index % roomCount]!, user }));
    },
    sendRoute: (roomId, user, on = api) => ({
      url: `${on.url}${ROUTES.sendMessage.path.replace(':id', roomId)}`,
      token: user.token,
    }),
    async startGateways(count) {
      const gateways: GatewayProcess[] = [];
      for (let index = 0; index < count; index++) {
        const gateway = await startGatewayProcess({
          apiUrl: api.url,
          publicKeys: api.publicKeys,
          redisPrefix,
          env: { SOCKET_EVENTS_PER_10S: '100000', INSTANCE_ID: `versus-gateway-${index}` },
        });
        gateways.push(gateway);
        cleanups.defer(() => gateway.stop());
      }
      return gateways;
    },
  };
}
