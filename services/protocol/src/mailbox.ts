import { Type, type Static } from 'typebox';
import { Id, Timestamp } from './common.js';
import { plainText } from './text.js';

/** One mail of the dev mailbox (`GET /api/dev/mailbox`, only where `DEV_MAILBOX` is enabled). */
export const MailboxEntry = Type.Object({
  id: Id,
  to: Type.String(),
  subject: Type.String(),
  text: Type.String(),
  html: Type.String(),
  createdAt: Timestamp,
  sentAt: Type.Union([Timestamp, Type.Null()]),
});
export type MailboxEntry = Static<typeof MailboxEntry>;

export const MailboxQuery = Type.Object(
  { to: Type.Optional(plainText(0, 254)) },
  { additionalProperties: false },
);
export const Mailbox = Type.Object({ mails: Type.Array(MailboxEntry) });
export type Mailbox = Static<typeof Mailbox>;

/**
 * Whether this server keeps a dev mailbox (`GET /api/dev/mailbox-status`, on every server): the web app
 * asks this before offering the mailbox, so a production page load makes no failing request.
 */
export const MailboxStatus = Type.Object({ enabled: Type.Boolean() });
export type MailboxStatus = Static<typeof MailboxStatus>;
