import type { FastifyInstance } from 'fastify';
import { mayRemove, roomChannel, userChannel } from '@livechat/protocol';
import { emit } from '../events/outbox-operation.js';
import { ApiError, forbidden } from '../errors.js';
import { requireMembership } from './room-membership.js';
import { requirePermission } from './room-permissions.js';

/**
 * Removes someone from a room, or leaves it when `targetId` is the caller. Who may remove whom is the
 * protocol's `mayRemove`: admins remove members, owners remove admins and members, nobody removes the
 * owner, and the owner cannot leave until they have handed ownership on (`transferOwnership`). The room hears `member:removed`
 * before the removed user's sockets leave its channel, so they hear it too. Ids are lower-case.
 */
export async function removeMember(
  app: FastifyInstance,
  userId: string,
  roomId: string,
  targetId: string,
): Promise<void> {
  const leaving = targetId === userId;
  await app.transact(async (trx, outbox) => {
    const membership = await requireMembership(trx, roomId, userId, 'write');
    if (leaving) {
      if (membership.role === 'owner') {
        throw forbidden(
          'The owner cannot leave the room; hand ownership to another member first, or delete the room',
        );
      }
    } else {
      requirePermission(membership.role, 'removeMember');
      const target = await trx
        .selectFrom('room_members')
        .select('role')
        .where('room_id', '=', roomId)
        .where('user_id', '=', targetId)
        .executeTakeFirst();
      if (!target) throw new ApiError('not_found', 'That person is not a member of this room');
      if (!mayRemove(membership.role, target.role)) {
        throw forbidden(
          target.role === 'owner'
            ? 'Nobody can remove the owner of a room'
            : 'Admins can remove members only; ask the owner to remove an admin',
        );
      }
    }
    await trx
      .deleteFrom('room_members')
      .where('room_id', '=', roomId)
      .where('user_id', '=', targetId)
      .execute();
    const room = await trx
      .updateTable('rooms')
      .set((eb) => ({ member_count: eb('member_count', '-', 1) }))
      .where('id', '=', roomId)
      .returning(['last_seq', 'revision'])
      .executeTakeFirstOrThrow();
    await outbox.record(
      emit([roomChannel(roomId)], 'member:removed', {
        roomId,
        lastSeq: room.last_seq,
        revision: room.revision,
        userId: targetId,
        reason: leaving ? 'left' : 'removed',
      }),
      { kind: 'leave', channel: userChannel(targetId), rooms: [roomChannel(roomId)] },
    );
  });
}
