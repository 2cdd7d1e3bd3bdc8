import { Type, type Static } from 'typebox';
import { Counter, Id } from './common.js';
import type { Ack, ErrorCode } from './errors.js';
import { Message } from './messages.js';
import { NotificationSetting } from './notifications.js';
import { Member, MessagePreview, RoleSchema, RoomSummary } from './rooms.js';
import { PublicUser } from './users.js';

/** Socket.IO room that holds every socket of one user (all tabs, all devices, every replica). */
export const userChannel = (userId: string) => `user:${userId}`;
/** Socket.IO room that holds every socket of every member of a chat room. */
export const roomChannel = (roomId: string) => `room:${roomId}`;
/** Whether a Socket.IO room is a chat room's channel (not a user's, a session's or a socket's own). */
export const isRoomChannel = (room: string) => room.startsWith('room:');
/** Socket.IO room that holds the sockets opened with one session's tokens (one device), for "log out here". */
export const sessionChannel = (sessionId: string) => `session:${sessionId}`;

/**
 * Every event about a room's content or membership carries the room's counters after the change,
 * so a client that sees `lastSeq` or `revision` jump knows it missed something and catches up over REST.
 */
const RoomStamp = { roomId: Id, lastSeq: Counter, revision: Counter };

/**
 * Sending marks the room read for the sender (as Slack, Discord and Mattermost do): the sender's read marker
 * moves to `message.seq` in the send's transaction, and no `read:updated` follows. So a client that sees
 * its own user as `message.sender` sets its marker to at least `message.seq`, and when the event is the
 * room's latest (`message.seq === lastSeq`) its unread count to 0. That is how the sender's other devices
 * learn their marker moved; it is also why one's own messages are never unread.
 */
export const MessageNewEvent = Type.Object({ ...RoomStamp, message: Message });
export const MessageEditedEvent = Type.Object({ ...RoomStamp, message: Message });
/**
 * The message is a tombstone: empty body, `deletedAt` set. `lastMessage` is the room's preview after the
 * delete (the room list's second line): when the deleted message was the preview, it moves back to the newest
 * message still standing, or to none, so no client shows the deleted text or has to guess what came before.
 */
export const MessageDeletedEvent = Type.Object({
  ...RoomStamp,
  message: Message,
  lastMessage: Type.Union([MessagePreview, Type.Null()]),
});
/**
 * Sent to each member's own channel when they join a room (created with them, or added later): the room as
 * that member sees it, and `by`, who created the room or added them, so the app can say "Alice added you to
 * Team" (nothing to say when `by` is the member themselves).
 */
export const RoomCreatedEvent = Type.Object({ room: RoomSummary, by: PublicUser });
export const RoomRenamedEvent = Type.Object({ ...RoomStamp, name: Type.String() });
/** `name` is the room's name when it was deleted and `by` the owner who deleted it: "Alice deleted Team". */
export const RoomDeletedEvent = Type.Object({ roomId: Id, name: Type.String(), by: PublicUser });
export const MemberAddedEvent = Type.Object({ ...RoomStamp, member: Member });
/**
 * A member's role changed: an owner granted or revoked admin, or handed ownership on (then two events,
 * the new owner's and the previous owner's, who is now an admin). `by` is the owner who did it.
 */
export const MemberRoleChangedEvent = Type.Object({
  ...RoomStamp,
  userId: Id,
  role: RoleSchema,
  by: PublicUser,
});
export const MemberRemovedEvent = Type.Object({
  ...RoomStamp,
  userId: Id,
  reason: Type.Union([Type.Literal('left'), Type.Literal('removed')]),
});
/**
 * Sent to the reader's own channel when mark-read moved the marker: a marker moved on one device moves on
 * all of them. (A send moves its sender's marker too, told by `message:new` instead.)
 */
export const ReadUpdatedEvent = Type.Object({ roomId: Id, lastReadSeq: Counter, unreadCount: Counter });
/** Sent to the member's own channel when they changed a room's notification level on one of their devices. */
export const NotificationsUpdatedEvent = NotificationSetting;
/** The most presence changes one `presence` event carries; a longer batch is split over several events. */
export const PRESENCE_CHANGES_MAX = 100;
/** One user came online (`online: true`) or went offline (every tab, every replica). */
export const PresenceChange = Type.Object({ userId: Id, online: Type.Boolean() });
/**
 * Sent to a room's channel: the members of `roomId` whose presence changed in the last short window
 * (gateway PRESENCE_BATCH_MS), each user once with their latest state. Gateways batch per room so a
 * crowd connecting into a big room costs one frame per member per window, not one per arrival. A client
 * applies every change; one sharing several rooms with a user may hear the same change once per room.
 */
export const PresenceEvent = Type.Object({
  roomId: Id,
  changes: Type.Array(PresenceChange, { minItems: 1, maxItems: PRESENCE_CHANGES_MAX }),
});
export const TypingEvent = Type.Object({ roomId: Id, userId: Id, displayName: Type.String() });
/**
 * The socket is now subscribed to every room of its user (`rooms` of them). Sent once per connection,
 * shortly after `connect`: events of a room reach the socket only from here on, so a client catches up
 * over REST after `ready`, not after `connect`, or it can miss what happened in between.
 */
export const ReadyEvent = Type.Object({ rooms: Counter });
/** Something may have been missed (Redis link recovered, replica draining): fetch differences over REST. */
export const ResyncEvent = Type.Object({ reason: Type.String() });
/**
 * The server is about to disconnect this socket; `code` says why (token expired, session revoked, draining).
 * Sent as `connection:closing`: Socket.IO reserves the name `disconnecting` and refuses to emit it.
 */
export const DisconnectingEvent = Type.Object({
  code: Type.String(),
  message: Type.String(),
  /** As in a handshake refusal: reconnect no sooner than this (plus jitter). */
  retryAfterMs: Type.Optional(Type.Integer({ minimum: 0 })),
});

export type MessageNewEvent = Static<typeof MessageNewEvent>;
export type MessageEditedEvent = Static<typeof MessageEditedEvent>;
export type MessageDeletedEvent = Static<typeof MessageDeletedEvent>;
export type RoomCreatedEvent = Static<typeof RoomCreatedEvent>;
export type RoomRenamedEvent = Static<typeof RoomRenamedEvent>;
export type RoomDeletedEvent = Static<typeof RoomDeletedEvent>;
export type MemberAddedEvent = Static<typeof MemberAddedEvent>;
export type MemberRemovedEvent = Static<typeof MemberRemovedEvent>;
export type MemberRoleChangedEvent = Static<typeof MemberRoleChangedEvent>;
export type ReadUpdatedEvent = Static<typeof ReadUpdatedEvent>;
export type NotificationsUpdatedEvent = Static<typeof NotificationsUpdatedEvent>;
export type PresenceChange = Static<typeof PresenceChange>;
export type PresenceEvent = Static<typeof PresenceEvent>;
export type TypingEvent = Static<typeof TypingEvent>;
export type ReadyEvent = Static<typeof ReadyEvent>;
export type ResyncEvent = Static<typeof ResyncEvent>;
export type DisconnectingEvent = Static<typeof DisconnectingEvent>;

/** Every event a server sends to clients, by name: the one definition both ends are typed from. */
export const SERVER_EVENTS = {
  'message:new': MessageNewEvent,
  'message:edited': MessageEditedEvent,
  'message:deleted': MessageDeletedEvent,
  'room:created': RoomCreatedEvent,
  'room:renamed': RoomRenamedEvent,
  'room:deleted': RoomDeletedEvent,
  'member:added': MemberAddedEvent,
  'member:removed': MemberRemovedEvent,
  'member:role-changed': MemberRoleChangedEvent,
  'read:updated': ReadUpdatedEvent,
  'notifications:updated': NotificationsUpdatedEvent,
  presence: PresenceEvent,
  typing: TypingEvent,
  ready: ReadyEvent,
  resync: ResyncEvent,
  'connection:closing': DisconnectingEvent,
} as const;
export type ServerEventName = keyof typeof SERVER_EVENTS;
export type ServerEventPayload<N extends ServerEventName> = Static<(typeof SERVER_EVENTS)[N]>;
export type ServerToClientEvents = { [N in ServerEventName]: (payload: ServerEventPayload<N>) => void };

/**
 * A `typing` event means "typing now": clients hide it after TYPING_EXPIRY_MS unless another arrives,
 * or until the typist's message does. A client that keeps typing repeats `typing:start` every
 * TYPING_THROTTLE_MS, and once more at the first keystroke after each send (the message ended the
 * last announcement). Gateways forward at most one per user and room every TYPING_FORWARD_INTERVAL_MS:
 * more often is dropped, not an error — a flood guard that never drops what an honest client sends.
 */
export const TYPING_EXPIRY_MS = 5000;
export const TYPING_THROTTLE_MS = 2000;
export const TYPING_FORWARD_INTERVAL_MS = 500;

/** Events the API publishes (through the outbox); the rest originate in gateways. */
export const API_EVENT_NAMES = [
  'message:new',
  'message:edited',
  'message:deleted',
  'room:created',
  'room:renamed',
  'room:deleted',
  'member:added',
  'member:removed',
  'member:role-changed',
  'read:updated',
  'notifications:updated',
] as const satisfies readonly ServerEventName[];
export type ApiEventName = (typeof API_EVENT_NAMES)[number];

// ---- client → server ----

/** Handshake `auth` payload. */
export const HandshakeAuth = Type.Object({
  token: Type.String({ minLength: 1, maxLength: 4096 }),
  protocolVersion: Type.Integer(),
});
export type HandshakeAuth = Static<typeof HandshakeAuth>;

export const AuthRefreshPayload = Type.Object({ token: Type.String({ minLength: 1, maxLength: 4096 }) });
export const TypingPayload = Type.Object({ roomId: Id });
export const PresenceQueryPayload = Type.Object({ userIds: Type.Array(Id, { maxItems: 500 }) });
export const PresenceQueryResult = Type.Object({ online: Type.Array(Id) });

export const CLIENT_EVENTS = {
  /** Replace the socket's access token in-band, before the old one expires. */
  'auth:refresh': AuthRefreshPayload,
  'typing:start': TypingPayload,
  'presence:query': PresenceQueryPayload,
} as const;
export type ClientEventName = keyof typeof CLIENT_EVENTS;
export type ClientEventPayload<N extends ClientEventName> = Static<(typeof CLIENT_EVENTS)[N]>;

interface ClientEventResults {
  'auth:refresh': { expiresAt: string };
  'typing:start': undefined;
  'presence:query': Static<typeof PresenceQueryResult>;
}
export type ClientToServerEvents = {
  [N in ClientEventName]: (
    payload: ClientEventPayload<N>,
    ack: (result: Ack<ClientEventResults[N]>) => void,
  ) => void;
};

/** `connect_error.data` of a refused handshake. */
export interface HandshakeRefusal {
  code: ErrorCode;
  message: string;
  /**
   * With `unavailable` when the gateway sheds load (too many connects in flight): try again no sooner
   * than this, plus a random share of it, so a refused crowd spreads out instead of returning in step.
   */
  retryAfterMs?: number;
}
