import { useState } from 'react';
import { useSessionStore } from '../session/session-context';

/** Log out of this device, or of every device (revokes every refresh token; sockets everywhere close). */
export function SessionsPanel() {
  const session = useSessionStore();
  const [busy, setBusy] = useState(false);
  const logout = async (everywhere: boolean) => {
    setBusy(true);
    try {
      await session.logout(everywhere);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="settings-section" aria-labelledby="sessions-title">
      <h2 id="sessions-title">Sessions</h2>
      <div className="row">
        <button type="button" className="button" disabled={busy} onClick={() => void logout(false)}>
          Log out
        </button>
        <button type="button" className="button danger" disabled={busy} onClick={() => void logout(true)}>
          Log out everywhere
        </button>
      </div>
    </section>
  );
}
