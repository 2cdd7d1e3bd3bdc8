import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { NotificationLevel } from '@livechat/protocol';

type CreatedAt = ColumnType<Date, Date | undefined, never>;
type Timestamp = ColumnType<Date, Date, Date>;
/** int8 columns: parsed to number on both drivers (see `int8-parsing.ts`); our counters stay far below 2^53. */
type BigCounter = ColumnType<number, number | undefined, number>;

export interface UsersTable {
  id: Generated<string>;
  /** Lower-cased; unique. */
  email: string;
  display_name: string;
  password_hash: string;
  email_verified_at: Timestamp | null;
  created_at: CreatedAt;
}

/** Email verification and password reset tokens: only their SHA-256 is stored; single use. */
export interface EmailTokensTable {
  id: Generated<string>;
  user_id: string;
  purpose: 'verify_email' | 'reset_password';
  token_hash: Buffer;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  created_at: CreatedAt;
}

/**
 * Refresh tokens. Each login starts a family; every refresh rotates to a new row of the same family.
 * Presenting a rotated token outside the grace window revokes the whole family.
 */
export interface RefreshTokensTable {
  id: Generated<string>;
  family_id: string;
  user_id: string;
  token_hash: Buffer;
  expires_at: Timestamp;
  rotated_at: Timestamp | null;
  revoked_at: Timestamp | null;
  created_at: CreatedAt;
  /** The token this one was rotated to (migration 0006). */
  successor_id: string | null;
  /** When this rotated token's one replay within the grace window was answered with its successor. */
  grace_replayed_at: Timestamp | null;
  /** This token, sealed with its predecessor's (src/auth/successor-seal.ts); null once rotated. */
  sealed_for_predecessor: Buffer | null;
  /** The browser and system this token was issued to, summarised (migration 0008); null when not told. */
  device: string | null;
}

export interface RoomsTable {
  id: Generated<string>;
  name: string;
  /** 'group' today; 'direct' is reserved for one-to-one chats. */
  kind: ColumnType<'group' | 'direct', 'group' | 'direct' | undefined, never>;
  created_by: string;
  last_seq: BigCounter;
  revision: BigCounter;
  last_message_id: string | null;
  last_activity_at: ColumnType<Date, Date | undefined, Date>;
  /** Kept equal to the room's row count in room_members (migration 0002), so listing rooms never counts. */
  member_count: ColumnType<number, number | undefined, number>;
  created_at: CreatedAt;
}

export interface RoomMembersTable {
  room_id: string;
  user_id: string;
  role: 'owner' | 'admin' | 'member';
  /**
   * Everything up to this seq is read. Moves forward only: mark-read, and every send of this member (own
   * messages are never after one's marker, which is what makes unread plain seq arithmetic, migration 0003).
   */
  last_read_seq: BigCounter;
  /** When this member's devices notify them of new messages (migration 0007, default 'all'). */
  notification_level: ColumnType<NotificationLevel, NotificationLevel | undefined, NotificationLevel>;
  joined_at: CreatedAt;
}

export interface MessagesTable {
  id: Generated<string>;
  room_id: string;
  seq: number;
  revision: number;
  sender_id: string;
  client_id: string;
  body: string;
  reply_to_id: string | null;
  created_at: CreatedAt;
  edited_at: Timestamp | null;
  deleted_at: Timestamp | null;
}

/** Socket.IO operations recorded with the change that causes them, published after commit. */
export interface OutboxTable {
  id: Generated<number>;
  operation: ColumnType<OutboxOperationJson, string, never>;
  created_at: CreatedAt;
  published_at: Timestamp | null;
  /** The committing process publishes the row until then; the relay takes only rows past their lease. */
  claimed_until: ColumnType<Date, Date | undefined, Date>;
  attempts: ColumnType<number, number | undefined, number>;
}
/** The stored JSON of an outbox operation; its TypeScript shape lives in events/outbox-operation.ts. */
export type OutboxOperationJson = unknown;

/** Mails queued in the same transaction as their cause; a worker sends them with retries. */
export interface MailOutboxTable {
  id: Generated<string>;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string;
  created_at: CreatedAt;
  sent_at: Timestamp | null;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: ColumnType<Date, Date | undefined, Date>;
  last_error: string | null;
}

export interface Database {
  users: UsersTable;
  email_tokens: EmailTokensTable;
  refresh_tokens: RefreshTokensTable;
  rooms: RoomsTable;
  room_members: RoomMembersTable;
  messages: MessagesTable;
  outbox: OutboxTable;
  mail_outbox: MailOutboxTable;
}

export type UserRow = Selectable<UsersTable>;
export type RoomRow = Selectable<RoomsTable>;
export type MessageRow = Selectable<MessagesTable>;
export type NewMessage = Insertable<MessagesTable>;
