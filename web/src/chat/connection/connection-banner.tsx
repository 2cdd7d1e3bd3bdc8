import { useEffect, useState } from 'react';
import { useChat } from '../chat-context';

const RESTORED_NOTICE_MS = 3000;

/** Says when the live connection is lost, and briefly when it is back (what was missed is loading). */
export function ConnectionBanner() {
  const connection = useChat((s) => s.connection);
  const [showRestored, setShowRestored] = useState(false);
  useEffect(() => {
    if (connection !== 'restored') return;
    setShowRestored(true);
    const timer = setTimeout(() => setShowRestored(false), RESTORED_NOTICE_MS);
    return () => clearTimeout(timer);
  }, [connection]);

  if (connection === 'offline') {
    return (
      <div className="connection-banner offline" role="status" data-testid="connection-banner">
        Connection lost. Reconnecting… New messages will appear when it’s back.
      </div>
    );
  }
  if (showRestored) {
    return (
      <div className="connection-banner restored" role="status" data-testid="connection-banner">
        Back online.
      </div>
    );
  }
  return <div className="visually-hidden" role="status" />;
}
