import type { FastifyInstance } from 'fastify';
import { roomChannel } from '@livechat/protocol';
import { emit } from '../events/outbox-operation.js';
import { requireMembership } from './room-membership.js';
import { requirePermission } from './room-permissions.js';
import { publicUser } from '../users/public-user.js';

/**
 * Deletes a room (owner only) with its memberships and messages (the foreign keys cascade). Members hear
 * `room:deleted` with the room's name and who deleted it, then every socket leaves the room's channel.
 */
export async function deleteRoom(app: FastifyInstance, userId: string, roomId: string): Promise<void> {
  await app.transact(async (trx, outbox) => {
    const membership = await requireMembership(trx, roomId, userId, 'write');
    requirePermission(membership.role, 'deleteRoom');
    const by = await publicUser(trx, userId);
    const { name } = await trx
      .deleteFrom('rooms')
      .where('id', '=', roomId)
      .returning('name')
      .executeTakeFirstOrThrow();
    await outbox.record(emit([roomChannel(roomId)], 'room:deleted', { roomId, name, by }), {
      kind: 'leave',
      channel: roomChannel(roomId),
      rooms: [roomChannel(roomId)],
    });
  });
}
