import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sql, type Kysely } from 'kysely';
import { roomChannel, type Message, type SendMessageBody } from '@livechat/protocol';
import type { Database } from '../db/schema.js';
import { emit, type OutboxOperation } from '../events/outbox-operation.js';
import { ApiError, roomNotFound } from '../errors.js';
import { selectMessages, toMessage } from './message-query.js';

/** The SQLSTATEs `send_message` raises (migration 0004). */
const NOT_A_MEMBER = 'LC404';
const CLIENT_ID_TAKEN = 'LC409';
const REPLY_NOT_IN_ROOM = 'LC422';

/**
 * Sends a message in one round trip: the `send_message` function (migration 0004) is the transaction,
 * whatever the room's size: it takes the room's row lock and next seq, moves the sender's read marker (which
 * makes unread counts seq arithmetic with no write per member, `unread-count.ts`) and re-checks membership
 * under the lock, quotes the parent of a reply, inserts the message and its `message:new` outbox row.
 * The event is built here with what is known, the database fills in the rest and returns it as stored;
 * the answer is its message. A clientId already used rolls it all back (no seq consumed); then the stored
 * message is answered if it has the same room, body and replyTo, else `idempotency_conflict`.
 * The answer does not wait for the publish that follows the commit (see `EventPublisher`).
 */
export async function sendMessage(
  app: FastifyInstance,
  senderId: string,
  roomId: string,
  body: SendMessageBody,
): Promise<Message> {
  const replyTo = body.replyTo?.toLowerCase() ?? null;
  const messageId = randomUUID();
  // Seq, revision, time, name and quote are the database's to fill in.
  const draft = emit([roomChannel(roomId)], 'message:new', {
    roomId,
    lastSeq: 0,
    revision: 0,
    message: {
      id: messageId,
      roomId,
      seq: 0,
      revision: 0,
      sender: { id: senderId, displayName: '' },
      clientId: body.clientId,
      body: body.body,
      replyTo: null,
      createdAt: '',
      editedAt: null,
      deletedAt: null,
    },
  });
  let stored: { outbox_id: number; operation: OutboxOperation };
  try {
    const { rows } = await sql<typeof stored>`
      select outbox_id, operation from send_message(${messageId}, ${roomId}, ${senderId}, ${body.clientId},
        ${body.body}, ${replyTo}, ${JSON.stringify(draft)}::jsonb)`.execute(app.db);
    stored = rows[0]!;
  } catch (error) {
    switch ((error as { code?: unknown }).code) {
      case NOT_A_MEMBER:
        throw roomNotFound();
      case REPLY_NOT_IN_ROOM: {
        const message = 'replyTo must be the id of a message in this room';
        throw new ApiError('validation_failed', message, { errors: [{ field: 'body.replyTo', message }] });
      }
      case CLIENT_ID_TAKEN:
        return originalSend(app.db, senderId, roomId, { ...body, replyTo: replyTo ?? undefined });
      default:
        throw error;
    }
  }
  void app.events.publishCommitted([{ id: stored.outbox_id, operation: stored.operation }]);
  return (stored.operation as Extract<OutboxOperation, { event: 'message:new' }>).payload.message;
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
