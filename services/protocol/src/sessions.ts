import { Type, type Static } from 'typebox';
import { Id, Timestamp } from './common.js';

/**
 * One signed-in device as its owner sees it (ASVS 7.5.2): one per refresh-token family, so `id` is the
 * family, the `sid` of its access tokens. Nothing here is secret — it names the session, it cannot resume it.
 */
export const ActiveSession = Type.Object({
  id: Id,
  /** When this device signed in. */
  signedInAt: Timestamp,
  /**
   * When it last refreshed (or signed in): a device that is open refreshes at least once per access-token
   * lifetime, so this is within that of its last activity — exact times would cost a write per request.
   */
  lastUsedAt: Timestamp,
  device: Type.String({
    description:
      'Browser and system it signed in with, e.g. "Firefox on Windows"; "Unknown device" when not told',
  }),
  /** The session of the access token that asked: "this device". */
  current: Type.Boolean(),
});
export type ActiveSession = Static<typeof ActiveSession>;

export const SessionList = Type.Object({ sessions: Type.Array(ActiveSession) });
export type SessionList = Static<typeof SessionList>;
