import { Type, type Static } from 'typebox';
import { Id } from './common.js';

/**
 * When a member's devices tell them of a room's new messages (browser notifications): every message,
 * only those that mention them, or never. Stored per membership on the server, so it follows the person
 * to every device. Mentions do not exist yet: `mentions` is accepted and stored (so the choice needs no
 * migration when they arrive) and, until then, notifies of nothing; the web app offers it disabled.
 */
export const NOTIFICATION_LEVELS = ['all', 'mentions', 'none'] as const;
export type NotificationLevel = (typeof NOTIFICATION_LEVELS)[number];
export const NotificationLevelSchema = Type.Unsafe<NotificationLevel>(
  Type.Union(NOTIFICATION_LEVELS.map((level) => Type.Literal(level))),
);
/** What a membership starts with (the column's default). */
export const DEFAULT_NOTIFICATION_LEVEL: NotificationLevel = 'all';

export const NotificationLevelBody = Type.Object(
  { level: NotificationLevelSchema },
  { additionalProperties: false },
);
export type NotificationLevelBody = Static<typeof NotificationLevelBody>;

/**
 * A room's notification level as it now is: the answer to setting it, and `notifications:updated`, which
 * goes to every socket of the member, so their other tabs and devices follow at once.
 */
export const NotificationSetting = Type.Object({ roomId: Id, level: NotificationLevelSchema });
export type NotificationSetting = Static<typeof NotificationSetting>;
