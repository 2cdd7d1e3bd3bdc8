import type { FastifyInstance } from 'fastify';
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import { roomChannel, type Message } from '@livechat/protocol';
import { emit } from '../events/outbox-operation.js';
import { findMessage } from './message-query.js';
import { roomPreview } from '../rooms/room-summaries.js';
import { lockOwnMessage, nextRevision, type OwnMessage } from './own-message.js';

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
      await movePreviewBack(trx, roomId, own);
      const tombstone = (await findMessage(trx, roomId, own.id))!;
      await outbox.record(
        emit([roomChannel(roomId)], 'message:deleted', {
          roomId,
          lastSeq: room.last_seq,
          revision: room.revision,
          message: tombstone,
          lastMessage: await roomPreview(trx, roomId),
        }),
      );
      return tombstone;
    }
    return (await findMessage(trx, roomId, own.id))!;
  });
}

/**
 * When the deleted message was the room's preview, the preview moves back to the newest message still
 * standing before it (none when there is none): the room list never shows a tombstone as "the last
 * message". The scan walks back over tombstones only, through the (room_id, seq) index.
 */
async function movePreviewBack(trx: Transaction<Database>, roomId: string, deleted: OwnMessage) {
  await trx
    .updateTable('rooms')
    .set((eb) => ({
      last_message_id: eb
        .selectFrom('messages')
        .select('id')
        .where('room_id', '=', roomId)
        .where('seq', '<', deleted.seq)
        .where('deleted_at', 'is', null)
        .orderBy('seq', 'desc')
        .limit(1),
    }))
    .where('id', '=', roomId)
    .where('last_message_id', '=', deleted.id)
    .execute();
}
