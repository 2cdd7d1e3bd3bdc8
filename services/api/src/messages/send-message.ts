import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sql, type Kysely, type Transaction } from 'kysely';
import { roomChannel, type Message, type QuotedMessage, type SendMessageBody } from '@livechat/protocol';
import type { Database } from '../db/schema.js';
import { emit } from '../events/outbox-operation.js';
import { ApiError, roomNotFound } from '../errors.js';
import { selectMessages, toMessage } from './message-query.js';

/** Thrown inside the send transaction to roll it back when this clientId was already used. */
class DuplicateClientId extends Error {}

/**
 * Sends a message in one transaction of three statements (four with a reply), whatever the room's size:
 * 1. `update rooms … last_seq + 1 … returning` takes the room's row lock, so concurrent senders queue
 *    there and each gets the next seq; a send that fails later rolls back and gives its seq back, so
 *    seqs stay gapless. Only a member's send takes that lock (`exists` on the membership).
 * 2. `update room_members set last_read_seq = seq … from users … returning display_name`: posting marks
 *    the room read for its sender (as Slack, Discord and Mattermost do), which is what makes unread counts
 *    seq arithmetic with no write per member (`unread-count.ts`). Run once the lock is held, it is also the
 *    membership re-check (statement 1's `exists` reads its snapshot, which misses a removal that committed
 *    while this send waited for the lock), and it brings the sender's name for the event.
 * 3. One statement inserts the message and its `message:new` outbox row, the event built here beforehand
 *    (id, seq, revision, time and name are all known). The insert is the idempotency check: `(sender_id,
 *    client_id)` is unique, and `on conflict do nothing` skips it (and so the outbox row) when that pair is
 *    taken, waiting for a concurrent duplicate to commit first. Then the transaction rolls back (no seq
 *    consumed) and the stored message is answered if it has the same room, body and replyTo, else
 *    `idempotency_conflict`.
 * The answer does not wait for the publish that follows the commit (see `EventPublisher`).
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
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('room_members')
              .select('user_id')
              .where('room_id', '=', roomId)
              .where('user_id', '=', senderId),
          ),
        )
        .returning(['last_seq', 'revision', 'last_activity_at'])
        .executeTakeFirst();
      if (!room) throw roomNotFound();
      const sender = await trx
        .updateTable('room_members')
        .set({ last_read_seq: room.last_seq })
        .from('users')
        .whereRef('users.id', '=', 'room_members.user_id')
        .where('room_members.room_id', '=', roomId)
        .where('room_members.user_id', '=', senderId)
        .returning('users.display_name')
        .executeTakeFirst();
      if (!sender) throw roomNotFound();
      const message: Message = {
        id: messageId,
        roomId,
        seq: room.last_seq,
        revision: room.revision,
        sender: { id: senderId, displayName: sender.display_name },
        clientId: body.clientId,
        body: body.body,
        replyTo: replyTo ? await replyQuote(trx, roomId, replyTo) : null,
        // The message's created_at defaults to now(), the transaction's time, as last_activity_at.
        createdAt: room.last_activity_at.toISOString(),
        editedAt: null,
        deletedAt: null,
      };
      const operation = emit([roomChannel(roomId)], 'message:new', {
        roomId,
        lastSeq: room.last_seq,
        revision: room.revision,
        message,
      });
      const recorded = await trx
        .with('m', (db) =>
          db
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
            .returning('id'),
        )
        .insertInto('outbox')
        .columns(['operation'])
        .expression((eb) =>
          eb.selectFrom('m').select(sql<string>`${JSON.stringify(operation)}::jsonb`.as('operation')),
        )
        .returning('id')
        .executeTakeFirst();
      if (!recorded) throw new DuplicateClientId();
      outbox.adopt({ id: recorded.id, operation });
      return message;
    });
  } catch (error) {
    if (!(error instanceof DuplicateClientId)) throw error;
    return originalSend(app.db, senderId, roomId, { ...body, replyTo: replyTo ?? undefined });
  }
}

/**
 * The quote of the message a reply answers, which must be of the same room (a deleted one is fine: the
 * quote shows it deleted). Read under the room's lock, so no edit or delete slips in before the insert.
 */
async function replyQuote(
  trx: Transaction<Database>,
  roomId: string,
  replyTo: string,
): Promise<QuotedMessage> {
  const parent = await trx
    .selectFrom('messages as p')
    .innerJoin('users as ps', 'ps.id', 'p.sender_id')
    .select(['p.id', 'p.seq', 'p.body', 'p.deleted_at', 'ps.id as sender_id', 'ps.display_name'])
    .where('p.id', '=', replyTo)
    .where('p.room_id', '=', roomId)
    .executeTakeFirst();
  if (!parent) {
    const message = 'replyTo must be the id of a message in this room';
    throw new ApiError('validation_failed', message, { errors: [{ field: 'body.replyTo', message }] });
  }
  return {
    id: parent.id,
    seq: parent.seq,
    sender: { id: parent.sender_id, displayName: parent.display_name },
    body: parent.body,
    deleted: parent.deleted_at !== null,
  };
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
