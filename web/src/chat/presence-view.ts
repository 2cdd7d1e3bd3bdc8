import { useCallback } from 'react';
import { useChat } from './chat-context';
import type { ConnectionState } from './chat-snapshot';

/** What the app can say about someone's presence: only the server knows, so not while cut off from it. */
export type Presence = 'online' | 'offline' | 'unknown';

/** Words for a presence, for screen readers beside a dot that only shows it. */
export const PRESENCE_LABEL: Record<Presence, string> = {
  online: 'online',
  offline: 'offline',
  unknown: 'presence unknown',
};

/** Whether presence answers are current: only over a live connection. */
export function presenceKnown(connection: ConnectionState): boolean {
  return connection === 'online' || connection === 'restored';
}

/**
 * The presence of a user as this tab can vouch for it: known only while the socket is connected (before
 * the first connection and while it is lost, who is online is unknown — the last answer may be stale).
 * On reconnect the store asks the gateway again, and presence events keep it current after.
 */
export function usePresence(): (userId: string) => Presence {
  const online = useChat((s) => s.online);
  const known = useChat((s) => presenceKnown(s.connection));
  return useCallback(
    (userId: string) => (!known ? 'unknown' : online.has(userId) ? 'online' : 'offline'),
    [online, known],
  );
}
