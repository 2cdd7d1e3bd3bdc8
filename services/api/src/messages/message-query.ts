import type { Kysely } from 'kysely';
import type { Message } from '@livechat/protocol';
import type { Database } from '../db/schema.js';

/**
 * Messages as the protocol shows them, in one query: the sender, and for a reply the quoted parent with
 * its sender. Callers add the `where`, order and limit.
 */
export function selectMessages(db: Kysely<Database>) {
  return db
    .selectFrom('messages as m')
    .innerJoin('users as s', 's.id', 'm.sender_id')
    .leftJoin('messages as p', 'p.id', 'm.reply_to_id')
    .leftJoin('users as ps', 'ps.id', 'p.sender_id')
    .select([
      'm.id',
      'm.room_id',
      'm.seq',
      'm.revision',
      'm.client_id',
      'm.body',
      'm.reply_to_id',
      'm.created_at',
      'm.edited_at',
      'm.deleted_at',
      's.id as sender_id',
      's.display_name as sender_name',
      'p.seq as parent_seq',
      'p.body as parent_body',
      'p.deleted_at as parent_deleted_at',
      'ps.id as parent_sender_id',
      'ps.display_name as parent_sender_name',
    ]);
}

export type MessageRow = Awaited<ReturnType<ReturnType<typeof selectMessages>['executeTakeFirstOrThrow']>>;

export function toMessage(row: MessageRow): Message {
  return {
    id: row.id,
    roomId: row.room_id,
    seq: row.seq,
    revision: row.revision,
    sender: { id: row.sender_id, displayName: row.sender_name },
    clientId: row.client_id,
    body: row.body,
    // A deleted parent keeps its place in the quote; its body is already gone (tombstones store '').
    replyTo:
      row.reply_to_id === null
        ? null
        : {
            id: row.reply_to_id,
            seq: row.parent_seq!,
            sender: { id: row.parent_sender_id!, displayName: row.parent_sender_name! },
            body: row.parent_body!,
            deleted: row.parent_deleted_at !== null,
          },
    createdAt: row.created_at.toISOString(),
    editedAt: row.edited_at?.toISOString() ?? null,
    deletedAt: row.deleted_at?.toISOString() ?? null,
  };
}

/** One message of a room, or undefined (unknown id, or a message of another room). */
export async function findMessage(
  db: Kysely<Database>,
  roomId: string,
  messageId: string,
): Promise<Message | undefined> {
  const row = await selectMessages(db)
    .where('m.room_id', '=', roomId)
    .where('m.id', '=', messageId)
    .executeTakeFirst();
  return row && toMessage(row);
}
