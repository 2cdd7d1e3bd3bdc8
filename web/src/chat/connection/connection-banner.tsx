import { useEffect, useState } from 'react';
import { cn } from '../../lib/utils';
import { useChat } from '../chat-context';

const RESTORED_NOTICE_MS = 3000;
const BANNER = 'col-span-full row-start-1 px-4 py-1.75 text-center text-sm font-semibold';

/**
 * Says when the live connection is lost, and briefly when it is back (what was missed is loading). A strip
 * across the top, not a toast: it is the state of the whole screen for as long as it lasts.
 */
export function ConnectionBanner() {
  const connection = useChat((s) => s.connection);
  const fromDevice = useChat((s) => s.fromDevice);
  const [showRestored, setShowRestored] = useState(false);
  useEffect(() => {
    if (connection !== 'restored') return;
    setShowRestored(true);
    const timer = setTimeout(() => setShowRestored(false), RESTORED_NOTICE_MS);
    return () => clearTimeout(timer);
  }, [connection]);

  if (connection === 'offline') {
    return (
      <div
        className={cn(BANNER, 'bg-warning-muted text-warning')}
        role="status"
        data-testid="connection-banner"
      >
        {fromDevice
          ? 'You’re offline: showing what this device saved. Messages you send will go out when you’re back.'
          : 'Connection lost. Reconnecting… New messages will appear when it’s back.'}
      </div>
    );
  }
  if (showRestored) {
    return (
      <div
        className={cn(BANNER, 'bg-success-muted text-success')}
        role="status"
        data-testid="connection-banner"
      >
        Back online.
      </div>
    );
  }
  return <div className="sr-only" role="status" />;
}
