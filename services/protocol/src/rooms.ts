import { Type, type Static } from 'typebox';
import { Counter, Id, Timestamp } from './common.js';
import { ErrorCodeSchema } from './errors.js';
import { NotificationLevelSchema } from './notifications.js';
import { nameText } from './text.js';
import { PublicUser } from './users.js';

export const RoomName = nameText(1, 80, 'Room name, 1 to 80 characters');

export const ROLES = ['owner', 'admin', 'member'] as const;
export type Role = (typeof ROLES)[number];
export const RoleSchema = Type.Unsafe<Role>(Type.Union(ROLES.map((role) => Type.Literal(role))));

/**
 * Who may do what in a room. Owners: everything, including granting and revoking admin and handing
 * ownership to another member. Admins: rename, add people, remove plain members. Members: read, write,
 * leave. Everyone may edit and delete only their own messages. A room has exactly one owner: the owner
 * cannot leave until they have handed ownership on (they become an admin), and nobody can remove the owner.
 */
export const PERMISSIONS = {
  rename: ['owner', 'admin'],
  addMembers: ['owner', 'admin'],
  removeMember: ['owner', 'admin'],
  changeRole: ['owner'],
  transferOwnership: ['owner'],
  deleteRoom: ['owner'],
} as const satisfies Record<string, readonly Role[]>;
export type RoomAction = keyof typeof PERMISSIONS;

export function may(role: Role, action: RoomAction): boolean {
  return (PERMISSIONS[action] as readonly Role[]).includes(role);
}

/** Roles an actor may remove: admins remove members only, owners remove admins and members. */
export function mayRemove(actor: Role, target: Role): boolean {
  if (target === 'owner') return false;
  if (actor === 'owner') return true;
  return actor === 'admin' && target === 'member';
}

export const Member = Type.Object({
  user: PublicUser,
  role: RoleSchema,
  joinedAt: Timestamp,
});
export type Member = Static<typeof Member>;

export const MessagePreview = Type.Object({
  id: Id,
  seq: Counter,
  sender: PublicUser,
  body: Type.String(),
  createdAt: Timestamp,
  deleted: Type.Boolean(),
});
export type MessagePreview = Static<typeof MessagePreview>;

export const Room = Type.Object({
  id: Id,
  name: Type.String(),
  createdAt: Timestamp,
  /** Seq of the newest message (0 when empty). */
  lastSeq: Counter,
  /** Advances on every new, edited or deleted message; catch-up asks for changes since a revision. */
  revision: Counter,
  lastActivityAt: Timestamp,
  myRole: RoleSchema,
  memberCount: Type.Integer({ minimum: 1 }),
});
export type Room = Static<typeof Room>;

/**
 * A row of "my rooms": the room plus my unread count, read marker and the last message. `unreadCount` is
 * the messages after `lastReadSeq` that are not deleted; none of them is mine, since sending moves my marker
 * to my message (see `MessageNewEvent`).
 */
export const RoomSummary = Type.Intersect([
  Room,
  Type.Object({
    unreadCount: Type.Integer({ minimum: 0 }),
    lastReadSeq: Counter,
    lastMessage: Type.Union([MessagePreview, Type.Null()]),
    /** When my devices notify me of this room's new messages (protocol `notifications.ts`). */
    notificationLevel: NotificationLevelSchema,
  }),
]);
export type RoomSummary = Static<typeof RoomSummary>;

export const RoomList = Type.Object({ rooms: Type.Array(RoomSummary) });
export type RoomList = Static<typeof RoomList>;

/** Only the ids of my rooms: what a gateway needs to subscribe a connecting socket, in one lean query. */
export const RoomIdList = Type.Object({ roomIds: Type.Array(Id) });
export type RoomIdList = Static<typeof RoomIdList>;

/** Access tokens of sockets connecting at about the same moment: a gateway asks for all in one request. */
export const SESSION_ROOM_IDS_MAX = 50;
export const SessionRoomIdsBody = Type.Object(
  {
    tokens: Type.Array(Type.String({ minLength: 1, maxLength: 4096 }), {
      minItems: 1,
      maxItems: SESSION_ROOM_IDS_MAX,
    }),
  },
  { additionalProperties: false },
);
export type SessionRoomIdsBody = Static<typeof SessionRoomIdsBody>;

/** Per token, in the order asked: its user's room ids, or why that token was refused. */
export const SessionRoomIds = Type.Object({
  sessions: Type.Array(
    Type.Union([
      Type.Object({ roomIds: Type.Array(Id) }),
      Type.Object({ error: Type.Object({ code: ErrorCodeSchema, message: Type.String() }) }),
    ]),
  ),
});
export type SessionRoomIds = Static<typeof SessionRoomIds>;

export const RoomDetail = Type.Object({ room: RoomSummary, members: Type.Array(Member) });
export type RoomDetail = Static<typeof RoomDetail>;

export const CreateRoomBody = Type.Object(
  { name: RoomName, memberIds: Type.Optional(Type.Array(Id, { maxItems: 100, uniqueItems: true })) },
  { additionalProperties: false },
);
export type CreateRoomBody = Static<typeof CreateRoomBody>;

export const RenameRoomBody = Type.Object({ name: RoomName }, { additionalProperties: false });
export type RenameRoomBody = Static<typeof RenameRoomBody>;

/** The roles an owner can grant or revoke; ownership changes hands only by `TransferOwnershipBody`. */
export const GrantableRole = Type.Union([Type.Literal('admin'), Type.Literal('member')]);
export type GrantableRole = Static<typeof GrantableRole>;

export const AddMembersBody = Type.Object(
  {
    userIds: Type.Array(Id, { minItems: 1, maxItems: 100, uniqueItems: true }),
    role: Type.Optional(GrantableRole),
  },
  { additionalProperties: false },
);
export type AddMembersBody = Static<typeof AddMembersBody>;

export const ChangeRoleBody = Type.Object({ role: GrantableRole }, { additionalProperties: false });
export type ChangeRoleBody = Static<typeof ChangeRoleBody>;

/** The member who becomes owner; the previous owner stays in the room as an admin. */
export const TransferOwnershipBody = Type.Object({ userId: Id }, { additionalProperties: false });
export type TransferOwnershipBody = Static<typeof TransferOwnershipBody>;

export const MemberParams = Type.Object({ id: Id, userId: Id }, { additionalProperties: false });
export type MemberParams = Static<typeof MemberParams>;

export const MemberList = Type.Object({ members: Type.Array(Member) });
export type MemberList = Static<typeof MemberList>;
