import { LogOut, Settings } from 'lucide-react';
import type { PublicUser } from '@livechat/protocol';
import { useState } from 'react';
import { Link } from '../routing/link';
import { paths } from '../routing/routes';
import { useSessionStore } from '../session/session-context';
import { Avatar } from '../ui/avatar';
import type { Presence } from '../chat/presence-view';
import { MenuButton } from '../ui/menu-button';

/** Who I am, at the foot of the sidebar: opens my account settings and logs out of this device. */
export function UserMenu({ me, presence }: { me: PublicUser; presence: Presence }) {
  const session = useSessionStore();
  const [busy, setBusy] = useState(false);
  const logout = async () => {
    setBusy(true);
    try {
      await session.logout(false);
    } finally {
      setBusy(false);
    }
  };
  return (
    <MenuButton
      className="sidebar-account"
      opens="above"
      icon={
        <>
          <Avatar user={me} size="small" presence={presence} />
          <span className="sidebar-account-name">{me.displayName}</span>
          <span className="visually-hidden">, account menu</span>
        </>
      }
    >
      {(close) => (
        <>
          <Link to={paths.settings} className="menu-item" onClick={close}>
            <Settings aria-hidden size={16} />
            Account settings
          </Link>
          <button type="button" className="menu-item" disabled={busy} onClick={() => void logout()}>
            <LogOut aria-hidden size={16} />
            Log out
          </button>
        </>
      )}
    </MenuButton>
  );
}
