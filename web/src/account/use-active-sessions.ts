import { useCallback, useEffect, useState } from 'react';
import type { ActiveSession } from '@livechat/protocol';
import { useSessionStore } from '../session/session-context';

export type ActiveSessionsState =
  { status: 'loading' } | { status: 'failed' } | { status: 'loaded'; sessions: ActiveSession[] };

/**
 * The account's signed-in devices, fetched when the settings open and after each one ended here. Not
 * live: a sign-in elsewhere shows up the next time the list loads (no event announces one).
 */
export function useActiveSessions() {
  const session = useSessionStore();
  const [state, setState] = useState<ActiveSessionsState>({ status: 'loading' });
  const reload = useCallback(async () => {
    try {
      const { sessions } = await session.api.call('listSessions');
      setState({ status: 'loaded', sessions });
    } catch {
      setState({ status: 'failed' });
    }
  }, [session]);
  useEffect(() => {
    void reload();
  }, [reload]);
  const end = useCallback(
    async (id: string) => {
      await session.api.call('endSession', { params: { id } });
      await reload();
    },
    [session, reload],
  );
  return { state, end };
}
