import type { FastifyInstance } from 'fastify';
import { roomChannel, type Member } from '@livechat/protocol';
import { emit } from '../events/outbox-operation.js';
import { ApiError } from '../errors.js';
import { publicUser } from '../users/public-user.js';
import { requireMemberRole, setMemberRole } from './member-role.js';
import { listMembers } from './room-members.js';
import { requireMembership } from './room-membership.js';
import { requirePermission } from './room-permissions.js';

/**
 * The owner hands the room to another member, who becomes owner; the previous owner stays as an admin
 * (and may now leave). The room hears two `member:role-changed` events, new owner first.
 *
 * Two transfers at once (two tabs, two people chosen) cannot leave two owners: each locks the room row
 * before reading the caller's role, so the second sees that its caller is an admin now and is refused.
 */
export async function transferOwnership(
  app: FastifyInstance,
  userId: string,
  roomId: string,
  newOwnerId: string,
): Promise<Member[]> {
  return app.transact(async (trx, outbox) => {
    const membership = await requireMembership(trx, roomId, userId, 'write');
    requirePermission(membership.role, 'transferOwnership');
    if (newOwnerId === userId) {
      throw new ApiError('validation_failed', 'You own this room already; choose another member', {
        errors: [{ field: 'body.userId', message: 'Choose another member of the room' }],
      });
    }
    await requireMemberRole(trx, roomId, newOwnerId);
    await setMemberRole(trx, roomId, userId, 'admin');
    await setMemberRole(trx, roomId, newOwnerId, 'owner');
    const by = await publicUser(trx, userId);
    const stamp = { roomId, lastSeq: membership.lastSeq, revision: membership.revision };
    await outbox.record(
      emit([roomChannel(roomId)], 'member:role-changed', { ...stamp, userId: newOwnerId, role: 'owner', by }),
      emit([roomChannel(roomId)], 'member:role-changed', { ...stamp, userId, role: 'admin', by }),
    );
    return listMembers(trx, roomId);
  });
}
