import type { FastifyInstance } from 'fastify';
import { userChannel, type ReadMarker } from '@livechat/protocol';
import { emit } from '../events/outbox-operation.js';
import { requireMembership } from '../rooms/room-membership.js';

/**
 * Moves the caller's read marker forward to `seq` (clamped to the room's last seq; never backwards) and
 * recomputes their unread count exactly: live messages from others after the marker. That count reads
 * only messages that were unread (seq between the new marker and the last seq), never the history, and
 * is skipped when the marker reaches the end. The room row is share-locked first, so a send either
 * committed before (and is counted) or waits until after (and increments the new count).
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
    if (marker <= membership.lastReadSeq) {
      return { roomId, lastReadSeq: membership.lastReadSeq, unreadCount: membership.unreadCount };
    }
    let unreadCount = 0;
    if (marker < membership.lastSeq) {
      const counted = await trx
        .selectFrom('messages')
        .select((eb) => eb.fn.countAll<number>().as('unread'))
        .where('room_id', '=', roomId)
        .where('seq', '>', marker)
        .where('sender_id', '<>', userId)
        .where('deleted_at', 'is', null)
        .executeTakeFirstOrThrow();
      unreadCount = Number(counted.unread);
    }
    // Two devices marking at once both pass the check above; the condition, re-checked against the row
    // the other one committed, keeps the marker from moving back.
    const moved = await trx
      .updateTable('room_members')
      .set({ last_read_seq: marker, unread_count: unreadCount })
      .where('room_id', '=', roomId)
      .where('user_id', '=', userId)
      .where('last_read_seq', '<', marker)
      .returning('last_read_seq')
      .executeTakeFirst();
    if (!moved) {
      const current = await requireMembership(trx, roomId, userId);
      return { roomId, lastReadSeq: current.lastReadSeq, unreadCount: current.unreadCount };
    }
    const readMarker = { roomId, lastReadSeq: marker, unreadCount };
    await outbox.record(emit([userChannel(userId)], 'read:updated', readMarker));
    return readMarker;
  });
}
