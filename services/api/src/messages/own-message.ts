import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import { forbidden, messageNotFound } from '../errors.js';
import { requireMembership } from '../rooms/room-membership.js';

export interface OwnMessage {
  id: string;
  seq: number;
  deleted: boolean;
}

/**
 * Locks the room (edits and deletes take a revision, like sends) and finds the caller's own message in
 * it: 404 for a room they cannot see or a message not in it, 403 for someone else's message.
 */
export async function lockOwnMessage(
  trx: Transaction<Database>,
  userId: string,
  roomId: string,
  messageId: string,
  doing: 'edit' | 'delete',
): Promise<OwnMessage> {
  await requireMembership(trx, roomId, userId, 'write');
  const row = await trx
    .selectFrom('messages')
    .select(['id', 'seq', 'sender_id', 'deleted_at'])
    .where('room_id', '=', roomId)
    .where('id', '=', messageId)
    .executeTakeFirst();
  if (!row) throw messageNotFound();
  if (row.sender_id !== userId) throw forbidden(`You can ${doing} only your own messages`);
  return { id: row.id, seq: row.seq, deleted: row.deleted_at !== null };
}

/** Takes the room's next revision for a change to one of its messages (the room row is already locked). */
export async function nextRevision(trx: Transaction<Database>, roomId: string) {
  return trx
    .updateTable('rooms')
    .set((eb) => ({ revision: eb('revision', '+', 1) }))
    .where('id', '=', roomId)
    .returning(['last_seq', 'revision'])
    .executeTakeFirstOrThrow();
}
