import { Type, type Static } from 'typebox';
import { COUNTER_MAX, Counter, Id, Timestamp } from './common.js';
import { MESSAGE_TEXT_PATTERN } from './text.js';
import { PublicUser } from './users.js';

export const MESSAGE_MAX_LENGTH = 4000;
export const MessageBody = Type.String({
  minLength: 1,
  maxLength: MESSAGE_MAX_LENGTH,
  pattern: MESSAGE_TEXT_PATTERN,
});
/** Chosen by the sending client, unique per sender: a retry with the same clientId is the same message. */
export const ClientId = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.:-]+$' });

/** The message a reply quotes. A deleted parent keeps its place but loses its body. */
export const QuotedMessage = Type.Object({
  id: Id,
  seq: Counter,
  sender: PublicUser,
  body: Type.String(),
  deleted: Type.Boolean(),
});
export type QuotedMessage = Static<typeof QuotedMessage>;

export const Message = Type.Object({
  id: Id,
  roomId: Id,
  seq: Type.Integer({ minimum: 1 }),
  /** Room revision at this message's latest change (creation, edit or deletion). */
  revision: Type.Integer({ minimum: 1 }),
  sender: PublicUser,
  clientId: Type.String(),
  /** Empty for a deleted message (a tombstone). */
  body: Type.String(),
  replyTo: Type.Union([QuotedMessage, Type.Null()]),
  createdAt: Timestamp,
  editedAt: Type.Union([Timestamp, Type.Null()]),
  deletedAt: Type.Union([Timestamp, Type.Null()]),
});
export type Message = Static<typeof Message>;

export const SendMessageBody = Type.Object(
  { clientId: ClientId, body: MessageBody, replyTo: Type.Optional(Id) },
  { additionalProperties: false },
);
export type SendMessageBody = Static<typeof SendMessageBody>;

export const EditMessageBody = Type.Object({ body: MessageBody }, { additionalProperties: false });
export type EditMessageBody = Static<typeof EditMessageBody>;

export const MessageParams = Type.Object({ id: Id, messageId: Id }, { additionalProperties: false });
export type MessageParams = Static<typeof MessageParams>;

export const HISTORY_PAGE_MAX = 200;

/** History page: newest first before `before`, oldest first after `after`; neither means the latest page. */
export const HistoryQuery = Type.Object(
  {
    before: Type.Optional(Type.Integer({ minimum: 1, maximum: COUNTER_MAX })),
    after: Type.Optional(Counter),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: HISTORY_PAGE_MAX, default: 50 })),
  },
  { additionalProperties: false },
);
export type HistoryQuery = Static<typeof HistoryQuery>;

/** Messages of a page, always in ascending seq; `hasMore` says whether the page was cut by `limit`. */
export const MessagePage = Type.Object({ messages: Type.Array(Message), hasMore: Type.Boolean() });
export type MessagePage = Static<typeof MessagePage>;

/** A client more than this many revisions behind is told `too_far_behind` and reloads the room. */
export const CHANGES_MAX_BEHIND = 5000;

export const ChangesQuery = Type.Object(
  {
    since: Counter,
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: HISTORY_PAGE_MAX, default: 100 })),
  },
  { additionalProperties: false },
);
export type ChangesQuery = Static<typeof ChangesQuery>;

/**
 * Messages changed after revision `since`, in ascending revision, tombstones included. Ask again with
 * `since = revision` while `hasMore`; once it is false the client has everything up to `revision`.
 */
export const ChangesPage = Type.Object({
  changes: Type.Array(Message),
  revision: Counter,
  hasMore: Type.Boolean(),
});
export type ChangesPage = Static<typeof ChangesPage>;

export const MarkReadBody = Type.Object({ seq: Counter }, { additionalProperties: false });
export type MarkReadBody = Static<typeof MarkReadBody>;

export const ReadMarker = Type.Object({
  roomId: Id,
  lastReadSeq: Counter,
  unreadCount: Type.Integer({ minimum: 0 }),
});
export type ReadMarker = Static<typeof ReadMarker>;
