import type { FastifyInstance } from 'fastify';
import { roomChannel, type Message } from '@livechat/protocol';
import { emit } from '../events/outbox-operation.js';
import { ApiError } from '../errors.js';
import { findMessage } from './message-query.js';
import { lockOwnMessage, nextRevision } from './own-message.js';

/** Edits the caller's own message: a new room revision, `editedAt`, and `message:edited` for the room. */
export async function editMessage(
  app: FastifyInstance,
  userId: string,
  roomId: string,
  messageId: string,
  body: string,
): Promise<Message> {
  return app.transact(async (trx, outbox) => {
    const own = await lockOwnMessage(trx, userId, roomId, messageId, 'edit');
    if (own.deleted) throw new ApiError('conflict', 'This message was deleted; it cannot be edited');
    const room = await nextRevision(trx, roomId);
    await trx
      .updateTable('messages')
      .set({ body, edited_at: new Date(), revision: room.revision })
      .where('id', '=', own.id)
      .execute();
    const message = (await findMessage(trx, roomId, own.id))!;
    await outbox.record(
      emit([roomChannel(roomId)], 'message:edited', {
        roomId,
        lastSeq: room.last_seq,
        revision: room.revision,
        message,
      }),
    );
    return message;
  });
}
