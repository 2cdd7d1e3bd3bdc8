import { Plus } from 'lucide-react';
import { useMemo, useState } from 'react';
import { UserMenu } from '../../account/user-menu';
import { Button } from '../../components/ui/button';
import { cn } from '../../lib/utils';
import { Link } from '@tanstack/react-router';
import { ThemeToggle } from '../../theme/theme-toggle';
import { BrandLink } from '../../ui/brand-link';
import { useChat, useChatStore } from '../chat-context';
import { presenceKnown } from '../presence-view';
import { EnableNotificationsButton } from '../notifications/enable-notifications-button';
import { CreateRoomDialog } from './create-room-dialog';
import { RoomActivityTime } from './room-activity-time';
import { orderRooms, previewText } from './room-summary-updates';
import { RoomSwitcher } from './room-switcher';
import { UnreadBadge } from './unread-badge';
import { useUnreadTitle } from './use-unread-title';

const NOTE = 'p-2 text-sm text-muted-foreground';

/**
 * My rooms, latest activity first, each with its unread count and last message; live. On a phone it is
 * the home screen, hidden while a room is open.
 */
export function RoomSidebar({ activeRoomId }: { activeRoomId: string | null }) {
  const store = useChatStore();
  const rooms = useChat((s) => s.rooms);
  const status = useChat((s) => s.status);
  // The list this device saved stands in while the server's is on its way (offline, nothing is on its way).
  const refreshing = useChat((s) => s.fromDevice && s.connection !== 'offline');
  const ordered = useMemo(() => orderRooms(rooms.values()), [rooms]);
  const [creating, setCreating] = useState(false);
  useUnreadTitle();
  // I am online whenever connected; the dot says whether the server can see me.
  const connected = useChat((s) => presenceKnown(s.connection));
  const totalUnread = ordered.reduce((sum, room) => sum + room.unreadCount, 0);

  return (
    <nav
      className={cn(
        'row-start-3 flex min-h-0 flex-col gap-2.5 border-r bg-muted px-2.5 py-3',
        activeRoomId && 'max-wide:hidden',
      )}
      aria-label="Rooms"
      aria-busy={status === 'loading' || refreshing}
    >
      <div className="flex items-center justify-between gap-1 px-1">
        <BrandLink>
          {totalUnread > 0 ? <span className="sr-only">, {totalUnread} unread</span> : null}
        </BrandLink>
        <span className="flex">
          <RoomSwitcher />
          <ThemeToggle />
        </span>
      </div>
      <Button type="button" className="mx-1" onClick={() => setCreating(true)}>
        <Plus aria-hidden />
        New room
      </Button>
      <EnableNotificationsButton />
      {status === 'loading' ? <p className={NOTE}>Loading rooms…</p> : null}
      {status === 'failed' ? (
        <p className={NOTE}>Couldn’t load your rooms. Retrying when the connection is back.</p>
      ) : null}
      {status === 'ready' && ordered.length === 0 ? (
        <p className={NOTE}>No rooms yet. Create one and add people to start chatting.</p>
      ) : null}
      <ul className="min-h-0 flex-1 overflow-y-auto">
        {ordered.map((room) => {
          const active = room.id === activeRoomId;
          const unread = room.unreadCount > 0 && !active;
          return (
            <li key={room.id}>
              <Link
                to="/rooms/$roomId"
                params={{ roomId: room.id }}
                className={cn(
                  'grid grid-cols-[minmax(0,1fr)_auto] gap-x-2 rounded-lg px-2.5 py-2 text-foreground no-underline hover:bg-accent',
                  active && 'bg-selected hover:bg-selected',
                )}
                aria-current={active ? 'page' : undefined}
              >
                <span className={cn('truncate', unread ? 'font-extrabold' : 'font-semibold')}>
                  {room.name}
                </span>
                <RoomActivityTime room={room} />
                <span className="room-preview col-start-1 truncate text-[13px] text-muted-foreground">
                  {previewText(room, store.me.id)}
                </span>
                {unread ? (
                  <UnreadBadge
                    count={room.unreadCount}
                    className="col-start-2 row-span-2 row-start-1 self-center"
                  />
                ) : null}
              </Link>
            </li>
          );
        })}
      </ul>
      <UserMenu me={store.me} presence={connected ? 'online' : 'unknown'} />
      {creating ? <CreateRoomDialog onClose={() => setCreating(false)} /> : null}
    </nav>
  );
}
