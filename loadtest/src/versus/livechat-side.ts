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
 * LiveChat as the cluster runs it, on this machine: one API process (Postgres, a fresh database it drops
 * on exit; sharded Redis adapter under a fresh prefix) and gateway replicas started per row, so that each
 * row measures fresh gateways. Users are created once and reused by the rows that need more sockets.
 */
export interface LiveChatSide {
  api: BenchApi;
  databaseName: string;
  /** The first `count` users in rooms of `roomSize` (created on first need). */
  memberRooms(count: number, roomSize: number): Promise<MemberRoom[]>;
  /** `rooms` rooms with `sendersPerRoom` senders each, a user sending into each (the send row's shape). */
  senderRooms(rooms: number, sendersPerRoom: number): Promise<{ roomId: string; user: BenchUser }[]>;
  sendRoute(roomId: string, user: BenchUser): SendRoute;
  startGateways(count: number): Promise<GatewayProcess[]>;
}

export async function startLiveChatSide(cleanups: CleanupStack): Promise<LiveChatSide> {
  const redisPrefix = freshRedisPrefix('versus');
  cleanups.defer(() => dropRedisPrefix(redisPrefix));
  const api = await startApiProcess({ storage: 'postgres', redisPrefix });
  cleanups.defer(() => api.stop());
  const databaseName = await api.call('databaseName', {});
  let rooms: MemberRoom[] = [];
  let roomSizeOfPool = 0;

  return {
    api,
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
    sendRoute: (roomId, user) => ({
      url: `${api.url}${ROUTES.sendMessage.path.replace(':id', roomId)}`,
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
