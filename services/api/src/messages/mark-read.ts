import type { FastifyInstance } from 'fastify';
import { userChannel, type ReadMarker } from '@livechat/protocol';
import { emit } from '../events/outbox-operation.js';
import { requireMembership } from '../rooms/room-membership.js';
import { unreadCount } from './unread-count.js';

/**
 * Moves the caller's read marker forward to `seq` (clamped to the room's last seq; never backwards) and
 * answers the unread count after it: seq arithmetic that reads only the tombstones after the marker
 * (`unread-count.ts`). The room row is share-locked first, so the count and the marker belong to the same
 * `last_seq`: a send either committed before (and is counted) or waits until after.
 * `read:updated` goes to all of the reader's devices; a marker that did not move records nothing.
 */
export async function markRead(
  app: FastifyInstance,
  userId: string,
  roomId: string,
  seq: number,
): Promise<ReadMarker> {
  return app.transact(async (trx, outbox) => {
    const membership = await requireMembership(trx, roomId, userId, 'read');
    const marker = Math.min(seq, membership.lastSeq);
    const answer = async (lastReadSeq: number): Promise<ReadMarker> => ({
      roomId,
      lastReadSeq,
      unreadCount: await unreadCount(trx, roomId, membership.lastSeq, lastReadSeq),
    });
    if (marker <= membership.lastReadSeq) return answer(membership.lastReadSeq);
    // Two devices marking at once both pass the check above; the condition, re-checked against the row
    // the other one committed, keeps the marker from moving back.
    const moved = await trx
      .updateTable('room_members')
      .set({ last_read_seq: marker })
      .where('room_id', '=', roomId)
      .where('user_id', '=', userId)
      .where('last_read_seq', '<', marker)
      .returning('last_read_seq')
      .executeTakeFirst();
    if (!moved) {
      const current = await requireMembership(trx, roomId, userId);
      return answer(current.lastReadSeq);
    }
    const readMarker = await answer(marker);
    await outbox.record(emit([userChannel(userId)], 'read:updated', readMarker));
    return readMarker;
  });
}
