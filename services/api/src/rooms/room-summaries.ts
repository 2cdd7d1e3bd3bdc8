import { sql, type Kysely } from 'kysely';
import type { MessagePreview, RoomSummary } from '@livechat/protocol';
import type { Database } from '../db/schema.js';
import { unreadCountSql } from '../messages/unread-count.js';

/** The room's last message (`lm`) and its sender (`lu`), as a room list row's preview reads them. */
const PREVIEW_COLUMNS = [
  'lm.id as last_id',
  'lm.seq as last_msg_seq',
  'lm.body as last_body',
  'lm.created_at as last_created_at',
  'lm.deleted_at as last_deleted_at',
  'lu.id as last_sender_id',
  'lu.display_name as last_sender_name',
] as const;

/**
 * "My rooms" rows in one query: my membership, the room, its last message (through rooms.last_message_id,
 * so no per-room lookup of the newest message) and that message's sender. Read marker and member count are
 * stored; the unread count is seq arithmetic that reads only tombstones after the marker (`unreadCountSql`);
 * nothing here reads a room's history.
 */
function summaryQuery(db: Kysely<Database>) {
  return db
    .selectFrom('room_members as rm')
    .innerJoin('rooms as r', 'r.id', 'rm.room_id')
    .leftJoin('messages as lm', 'lm.id', 'r.last_message_id')
    .leftJoin('users as lu', 'lu.id', 'lm.sender_id')
    .select([
      'rm.user_id',
      'rm.role',
      'rm.last_read_seq',
      'rm.notification_level',
      'r.id',
      'r.name',
      'r.created_at',
      'r.last_seq',
      'r.revision',
      'r.last_activity_at',
      'r.member_count',
      ...PREVIEW_COLUMNS,
      unreadCountSql(sql.ref('rm.room_id'), sql.ref('r.last_seq'), sql.ref('rm.last_read_seq')).as(
        'unread_count',
      ),
    ]);
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>['executeTakeFirstOrThrow']>>;
type PreviewRow = Pick<
  SummaryRow,
  | 'last_id'
  | 'last_msg_seq'
  | 'last_body'
  | 'last_created_at'
  | 'last_deleted_at'
  | 'last_sender_id'
  | 'last_sender_name'
>;

function toPreview(row: PreviewRow): MessagePreview | null {
  if (row.last_id === null) return null;
  return {
    id: row.last_id,
    seq: row.last_msg_seq!,
    sender: { id: row.last_sender_id!, displayName: row.last_sender_name! },
    body: row.last_body!,
    createdAt: row.last_created_at!.toISOString(),
    deleted: row.last_deleted_at !== null,
  };
}

/**
 * The room's preview as the room list shows it, read in the transaction of a change that may have moved it
 * (a delete): what `message:deleted` tells every member.
 */
export async function roomPreview(db: Kysely<Database>, roomId: string): Promise<MessagePreview | null> {
  const row = await db
    .selectFrom('rooms as r')
    .leftJoin('messages as lm', 'lm.id', 'r.last_message_id')
    .leftJoin('users as lu', 'lu.id', 'lm.sender_id')
    .select([...PREVIEW_COLUMNS])
    .where('r.id', '=', roomId)
    .executeTakeFirstOrThrow();
  return toPreview(row);
}

function toRoomSummary(row: SummaryRow): RoomSummary {
  return {
    id: row.id,
    name: row.name,
    createdAt: row.created_at.toISOString(),
    lastSeq: row.last_seq,
    revision: row.revision,
    lastActivityAt: row.last_activity_at.toISOString(),
    myRole: row.role,
    memberCount: row.member_count,
    unreadCount: Number(row.unread_count),
    lastReadSeq: row.last_read_seq,
    lastMessage: toPreview(row),
    notificationLevel: row.notification_level,
  };
}

/** Every room the user belongs to, newest activity first. */
export async function listRoomSummaries(db: Kysely<Database>, userId: string): Promise<RoomSummary[]> {
  const rows = await summaryQuery(db)
    .where('rm.user_id', '=', userId)
    .orderBy('r.last_activity_at', 'desc')
    .orderBy('r.id')
    .execute();
  return rows.map(toRoomSummary);
}

/** One room as each of the given members sees it (their role, marker and unread count), by user id. */
export async function roomSummariesFor(
  db: Kysely<Database>,
  roomId: string,
  userIds: readonly string[],
): Promise<Map<string, RoomSummary>> {
  if (userIds.length === 0) return new Map();
  const rows = await summaryQuery(db)
    .where('rm.room_id', '=', roomId)
    .where('rm.user_id', 'in', userIds)
    .execute();
  return new Map(rows.map((row) => [row.user_id, toRoomSummary(row)]));
}
