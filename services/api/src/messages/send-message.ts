import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sql, type Kysely } from 'kysely';
import { roomChannel, type Message, type SendMessageBody } from '@livechat/protocol';
import type { Database } from '../db/schema.js';
import { emit } from '../events/outbox-operation.js';
import { ApiError, roomNotFound } from '../errors.js';
import { requireMembership } from '../rooms/room-membership.js';
import { findMessage, selectMessages, toMessage } from './message-query.js';

/** Thrown inside the send transaction to roll it back when this clientId was already used. */
class DuplicateClientId extends Error {}

/**
 * Sends a message in one transaction, answered only after commit:
 * 1. `update rooms … last_seq + 1 … returning` takes the room's row lock, so concurrent senders queue
 *    there and each gets the next seq; a send that fails later rolls back and gives its seq back, so
 *    seqs stay gapless.
 * 2. Only a member's send takes that lock; membership is checked again once it is held, so a removal
 *    that committed meanwhile is seen.
 * 3. The insert is the idempotency check: `(sender_id, client_id)` is unique, and `on conflict do nothing`
 *    skips the insert when that pair is taken (waiting for a concurrent duplicate to commit first). Then
 *    the transaction rolls back (no seq consumed) and the stored message is answered if it has the same
 *    room, body and replyTo, else `idempotency_conflict`.
 * 4. Every other member's unread counter goes up by one, and `message:new` is recorded for the room.
 */
export async function sendMessage(
  app: FastifyInstance,
  senderId: string,
  roomId: string,
  body: SendMessageBody,
): Promise<Message> {
  const replyTo = body.replyTo?.toLowerCase() ?? null;
  try {
    return await app.transact(async (trx, outbox) => {
      const messageId = randomUUID();
      const room = await trx
        .updateTable('rooms')
        .set({
          last_seq: sql`last_seq + 1`,
          revision: sql`revision + 1`,
          last_message_id: messageId,
          last_activity_at: sql`now()`,
        })
        .where('id', '=', roomId)
        // Non-members never take the room's lock (nor learn whether it exists) ...
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('room_members')
              .select('user_id')
              .where('room_id', '=', roomId)
              .where('user_id', '=', senderId),
          ),
        )
        .returning(['last_seq', 'revision'])
        .executeTakeFirst();
      if (!room) throw roomNotFound();
      // ... and members are checked again under it: the check above reads the statement's snapshot, which
      // misses a removal that committed while this send waited for the lock.
      await requireMembership(trx, roomId, senderId);
      if (replyTo) await requireReplyTarget(trx, roomId, replyTo);
      const inserted = await trx
        .insertInto('messages')
        .values({
          id: messageId,
          room_id: roomId,
          seq: room.last_seq,
          revision: room.revision,
          sender_id: senderId,
          client_id: body.clientId,
          body: body.body,
          reply_to_id: replyTo,
        })
        .onConflict((conflict) => conflict.columns(['sender_id', 'client_id']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!inserted) throw new DuplicateClientId();
      await trx
        .updateTable('room_members')
        .set({ unread_count: sql`unread_count + 1` })
        .where('room_id', '=', roomId)
        .where('user_id', '<>', senderId)
        .execute();
      const message = (await findMessage(trx, roomId, messageId))!;
      await outbox.record(
        emit([roomChannel(roomId)], 'message:new', {
          roomId,
          lastSeq: room.last_seq,
          revision: room.revision,
          message,
        }),
      );
      return message;
    });
  } catch (error) {
    if (!(error instanceof DuplicateClientId)) throw error;
    return originalSend(app.db, senderId, roomId, { ...body, replyTo: replyTo ?? undefined });
  }
}

/** A reply must quote a message of the same room (a deleted one is fine: the quote shows it deleted). */
async function requireReplyTarget(db: Kysely<Database>, roomId: string, replyTo: string): Promise<void> {
  const parent = await db
    .selectFrom('messages')
    .select('id')
    .where('id', '=', replyTo)
    .where('room_id', '=', roomId)
    .executeTakeFirst();
  if (parent) return;
  const message = 'replyTo must be the id of a message in this room';
  throw new ApiError('validation_failed', message, { errors: [{ field: 'body.replyTo', message }] });
}

/**
 * The message a clientId was first used for, if this request is the same message; otherwise a 409.
 * Compared with the message as stored: a retry races its original send, not a later edit, because
 * editing needs the id that only the original's answer (or its event) carries.
 */
async function originalSend(
  db: Kysely<Database>,
  senderId: string,
  roomId: string,
  body: SendMessageBody,
): Promise<Message> {
  const row = await selectMessages(db)
    .where('m.sender_id', '=', senderId)
    .where('m.client_id', '=', body.clientId)
    .executeTakeFirstOrThrow();
  const same = row.room_id === roomId && row.body === body.body && row.reply_to_id === (body.replyTo ?? null);
  if (!same) {
    throw new ApiError(
      'idempotency_conflict',
      `clientId "${body.clientId}" was already used for a different message; use a new clientId for a new message`,
    );
  }
  return toMessage(row);
}
