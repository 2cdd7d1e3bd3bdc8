import type { FastifyInstance } from 'fastify';
import { roomChannel, type Message } from '@livechat/protocol';
import { emit } from '../events/outbox-operation.js';
import { findMessage } from './message-query.js';
import { lockOwnMessage, nextRevision } from './own-message.js';

/**
 * Deletes the caller's own message, leaving a tombstone (empty body, `deletedAt`) so seqs stay
 * contiguous and catch-up can tell clients to drop it. It stops counting as unread for every other member
 * who had not read it yet without a write per member: unread counts subtract the tombstones after each
 * marker (`unread-count.ts`). Deleting a tombstone again changes nothing and answers it as it is.
 */
export async function deleteMessage(
  app: FastifyInstance,
  userId: string,
  roomId: string,
  messageId: string,
): Promise<Message> {
  return app.transact(async (trx, outbox) => {
    const own = await lockOwnMessage(trx, userId, roomId, messageId, 'delete');
    if (!own.deleted) {
      const room = await nextRevision(trx, roomId);
      await trx
        .updateTable('messages')
        .set({ body: '', deleted_at: new Date(), revision: room.revision })
        .where('id', '=', own.id)
        .execute();
      const tombstone = (await findMessage(trx, roomId, own.id))!;
      await outbox.record(
        emit([roomChannel(roomId)], 'message:deleted', {
          roomId,
          lastSeq: room.last_seq,
          revision: room.revision,
          message: tombstone,
        }),
      );
      return tombstone;
    }
    return (await findMessage(trx, roomId, own.id))!;
  });
}
