import { LogOut, Settings } from 'lucide-react';
import type { PublicUser } from '@livechat/protocol';
import { useState } from 'react';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuTrigger,
} from '../components/ui/dropdown-menu';
import { Link } from '@tanstack/react-router';
import { useSessionStore } from '../session/session-context';
import { Avatar } from '../ui/avatar';
import type { Presence } from '../chat/presence-view';

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
    <DropdownMenu>
      <DropdownMenuTrigger className="flex w-full cursor-pointer items-center gap-2.5 rounded-lg px-2.5 py-2 text-left hover:bg-accent">
        <Avatar user={me} size="small" presence={presence} />
        <span className="flex-1 truncate">{me.displayName}</span>
        <span className="sr-only">, account menu</span>
      </DropdownMenuTrigger>
      <DropdownMenuContent side="top" align="start" className="w-(--radix-dropdown-menu-trigger-width)">
        <DropdownMenuItem asChild>
          <Link to="/settings">
            <Settings aria-hidden />
            Account settings
          </Link>
        </DropdownMenuItem>
        <DropdownMenuItem disabled={busy} onSelect={() => void logout()}>
          <LogOut aria-hidden />
          Log out
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
