import type { FastifyInstance } from 'fastify';
import { roomChannel, type GrantableRole, type Member } from '@livechat/protocol';
import { emit } from '../events/outbox-operation.js';
import { forbidden } from '../errors.js';
import { publicUser } from '../users/public-user.js';
import { requireMemberRole, setMemberRole } from './member-role.js';
import { listMembers } from './room-members.js';
import { requireMembership } from './room-membership.js';
import { requirePermission } from './room-permissions.js';

/**
 * The owner makes a member an admin or an admin a member again, and the room hears `member:role-changed`.
 * Ownership itself changes hands only through `transferOwnership`, so a room always has one owner. Setting
 * the role someone already has changes nothing and tells no one. The room row is locked first, so this
 * cannot interleave with a transfer: an owner who handed the room on a moment ago is refused here.
 */
export async function changeMemberRole(
  app: FastifyInstance,
  userId: string,
  roomId: string,
  targetId: string,
  role: GrantableRole,
): Promise<Member[]> {
  return app.transact(async (trx, outbox) => {
    const membership = await requireMembership(trx, roomId, userId, 'write');
    requirePermission(membership.role, 'changeRole');
    const current = await requireMemberRole(trx, roomId, targetId);
    if (current === 'owner') {
      throw forbidden('The owner keeps their role; hand ownership to another member instead');
    }
    if (current !== role) {
      await setMemberRole(trx, roomId, targetId, role);
      await outbox.record(
        emit([roomChannel(roomId)], 'member:role-changed', {
          roomId,
          lastSeq: membership.lastSeq,
          revision: membership.revision,
          userId: targetId,
          role,
          by: await publicUser(trx, userId),
        }),
      );
    }
    return listMembers(trx, roomId);
  });
}
