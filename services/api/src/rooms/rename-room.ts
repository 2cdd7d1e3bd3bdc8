import { normalizeName } from '@livechat/protocol';
import type { FastifyInstance } from 'fastify';
import { roomChannel, type RoomSummary } from '@livechat/protocol';
import { emit } from '../events/outbox-operation.js';
import { requireMembership } from './room-membership.js';
import { requirePermission } from './room-permissions.js';
import { roomSummariesFor } from './room-summaries.js';

/**
 * Renames a room (owners and admins) and tells its members. A rename is not content: it moves neither
 * `lastSeq` nor `revision`, which the event carries as they are.
 */
export async function renameRoom(
  app: FastifyInstance,
  userId: string,
  roomId: string,
  name: string,
): Promise<RoomSummary> {
  return app.transact(async (trx, outbox) => {
    // The room row is locked first, as by every other change to a room: a delete that committed while
    // we waited is then a 404, not an UPDATE that finds no row (a 500).
    const membership = await requireMembership(trx, roomId, userId, 'write');
    requirePermission(membership.role, 'rename');
    const room = await trx
      .updateTable('rooms')
      .set({ name: normalizeName(name) })
      .where('id', '=', roomId)
      .returning(['name', 'last_seq', 'revision'])
      .executeTakeFirstOrThrow();
    await outbox.record(
      emit([roomChannel(roomId)], 'room:renamed', {
        roomId,
        lastSeq: room.last_seq,
        revision: room.revision,
        name: room.name,
      }),
    );
    return (await roomSummariesFor(trx, roomId, [userId])).get(userId)!;
  });
}
