import type { FastifyInstance } from 'fastify';
import { roomChannel } from '@livechat/protocol';
import { emit } from '../events/outbox-operation.js';
import { requireMembership } from './room-membership.js';
import { requirePermission } from './room-permissions.js';

/**
 * Deletes a room (owner only) with its memberships and messages (the foreign keys cascade). Members hear
 * `room:deleted`, then every socket leaves the room's channel.
 */
export async function deleteRoom(app: FastifyInstance, userId: string, roomId: string): Promise<void> {
  await app.transact(async (trx, outbox) => {
    const membership = await requireMembership(trx, roomId, userId, 'write');
    requirePermission(membership.role, 'deleteRoom');
    await trx.deleteFrom('rooms').where('id', '=', roomId).execute();
    await outbox.record(emit([roomChannel(roomId)], 'room:deleted', { roomId }), {
      kind: 'leave',
      channel: roomChannel(roomId),
      rooms: [roomChannel(roomId)],
    });
  });
}
