import { useState } from 'react';
import { toast } from 'sonner';
import type { ActiveSession } from '@livechat/protocol';
import { Button } from '../components/ui/button';
import { useActiveSessions } from './use-active-sessions';

const when = (iso: string) =>
  new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** One signed-in device: what it is, when it signed in and was last active, and "End" unless it is this one. */
function SessionRow({ session, onEnd }: { session: ActiveSession; onEnd: () => Promise<void> }) {
  const [ending, setEnding] = useState(false);
  const end = async () => {
    setEnding(true);
    try {
      await onEnd();
      toast.success(`${session.device} is logged out.`);
    } catch {
      toast.error('That device could not be logged out. Try again.');
      setEnding(false);
    }
  };
  return (
    <li className="flex flex-wrap items-center justify-between gap-2 py-2" aria-label={session.device}>
      <div className="flex flex-col">
        <span className="font-semibold">
          {session.device}
          {session.current && (
            <span className="ml-2 text-sm font-normal text-muted-foreground">This device</span>
          )}
        </span>
        <span className="text-sm text-muted-foreground">
          Signed in {when(session.signedInAt)} · last active {when(session.lastUsedAt)}
        </span>
      </div>
      {!session.current && (
        <Button type="button" variant="outline" size="sm" disabled={ending} onClick={() => void end()}>
          End
        </Button>
      )}
    </li>
  );
}

/** Where this account is signed in (one entry per sign-in), each other device with a button to end it. */
export function ActiveSessionList() {
  const { state, end } = useActiveSessions();
  if (state.status === 'loading') return <p className="text-muted-foreground">Loading your devices…</p>;
  if (state.status === 'failed') {
    return <p className="text-muted-foreground">Your devices could not be listed right now.</p>;
  }
  return (
    <ul className="flex flex-col divide-y" aria-label="Signed-in devices">
      {state.sessions.map((session) => (
        <SessionRow key={session.id} session={session} onEnd={() => end(session.id)} />
      ))}
    </ul>
  );
}
