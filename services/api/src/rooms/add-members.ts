import type { FastifyInstance } from 'fastify';
import { roomChannel, type AddMembersBody, type Member } from '@livechat/protocol';
import { emit } from '../events/outbox-operation.js';
import { listMembers } from './room-members.js';
import { requireMembership } from './room-membership.js';
import { requirePermission } from './room-permissions.js';
import { requireVerifiedUsers } from './require-verified-users.js';
import { roomSummariesFor } from './room-summaries.js';
import { welcomeOperations } from './room-welcome.js';
import { publicUser } from '../users/public-user.js';

/**
 * Adds people to a room (owners and admins, with the role they choose, `member` by default) and answers
 * the room's members afterwards. People already in the room keep their role; adding them is a no-op.
 *
 * Decision: a new member sees the room's whole earlier history, like a team channel, but their read
 * marker starts at the room's current last seq, so joining does not bury them under old unread messages.
 * The room row is locked first, so no send can slip between reading `last_seq` and seating them.
 */
export async function addMembers(
  app: FastifyInstance,
  userId: string,
  roomId: string,
  body: AddMembersBody,
): Promise<Member[]> {
  const role = body.role ?? 'member';
  const requested = [...new Set(body.userIds.map((id) => id.toLowerCase()))];
  return app.transact(async (trx, outbox) => {
    const membership = await requireMembership(trx, roomId, userId, 'write');
    requirePermission(membership.role, 'addMembers');
    await requireVerifiedUsers(trx, requested, 'body.userIds');
    const seated = await trx
      .insertInto('room_members')
      .values(
        requested.map((newcomer) => ({
          room_id: roomId,
          user_id: newcomer,
          role,
          last_read_seq: membership.lastSeq,
        })),
      )
      .onConflict((conflict) => conflict.columns(['room_id', 'user_id']).doNothing())
      .returning('user_id')
      .execute();
    const added = seated.map((row) => row.user_id);
    if (added.length > 0) {
      const room = await trx
        .updateTable('rooms')
        .set((eb) => ({ member_count: eb('member_count', '+', added.length) }))
        .where('id', '=', roomId)
        .returning(['last_seq', 'revision'])
        .executeTakeFirstOrThrow();
      const newMembers = await listMembers(trx, roomId, added);
      const summaries = await roomSummariesFor(trx, roomId, added);
      const by = await publicUser(trx, userId);
      await outbox.record(
        ...newMembers.flatMap((member) => [
          emit([roomChannel(roomId)], 'member:added', {
            roomId,
            lastSeq: room.last_seq,
            revision: room.revision,
            member,
          }),
          ...welcomeOperations(member.user.id, summaries.get(member.user.id)!, by),
        ]),
      );
    }
    return listMembers(trx, roomId);
  });
}
