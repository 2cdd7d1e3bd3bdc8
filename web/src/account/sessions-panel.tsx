import { SettingsSection } from './settings-section';
import { Button } from '../components/ui/button';
import { useState } from 'react';
import { useSessionStore } from '../session/session-context';
import { ActiveSessionList } from './active-session-list';

/**
 * The devices this account is signed in on, each other one with "End"; and log out of this device, or of
 * every device (revokes every refresh token; sockets everywhere close).
 */
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
    <SettingsSection title="Sessions">
      <ActiveSessionList />
      <div className="flex flex-wrap items-center gap-2">
        <Button type="button" variant="outline" disabled={busy} onClick={() => void logout(false)}>
          Log out
        </Button>
        <Button type="button" variant="destructive" disabled={busy} onClick={() => void logout(true)}>
          Log out everywhere
        </Button>
      </div>
    </SettingsSection>
  );
}
