import { Plus } from 'lucide-react';
import { useMemo, useState } from 'react';
import { Link } from '../../routing/link';
import { paths } from '../../routing/routes';
import { ThemeToggle } from '../../theme/theme-toggle';
import { UserMenu } from '../../account/user-menu';
import { useChat, useChatStore } from '../chat-context';
import { presenceKnown } from '../presence-view';
import { CreateRoomDialog } from './create-room-dialog';
import { orderRooms, previewText } from './room-summary-updates';
import { useUnreadTitle } from './use-unread-title';

/** My rooms, latest activity first, each with its unread count and last message; live. */
export function RoomSidebar({ activeRoomId }: { activeRoomId: string | null }) {
  const store = useChatStore();
  const rooms = useChat((s) => s.rooms);
  const status = useChat((s) => s.status);
  const ordered = useMemo(() => orderRooms(rooms.values()), [rooms]);
  const [creating, setCreating] = useState(false);
  useUnreadTitle();
  // I am online whenever connected; the dot says whether the server can see me.
  const connected = useChat((s) => presenceKnown(s.connection));
  const totalUnread = ordered.reduce((sum, room) => sum + room.unreadCount, 0);

  return (
    <nav className="sidebar" aria-label="Rooms" aria-busy={status === 'loading'}>
      <div className="sidebar-header">
        <Link to={paths.home} className="brand">
          <img className="brand-mark" src="/favicon.svg" alt="" width={24} height={24} />
          LiveChat
          {totalUnread > 0 ? <span className="visually-hidden">, {totalUnread} unread</span> : null}
        </Link>
        <ThemeToggle />
      </div>
      <button type="button" className="button primary new-room" onClick={() => setCreating(true)}>
        <Plus aria-hidden size={16} />
        New room
      </button>
      {status === 'loading' ? <p className="sidebar-note">Loading rooms…</p> : null}
      {status === 'failed' ? (
        <p className="sidebar-note">Couldn’t load your rooms. Retrying when the connection is back.</p>
      ) : null}
      {status === 'ready' && ordered.length === 0 ? (
        <p className="sidebar-note">No rooms yet. Create one and add people to start chatting.</p>
      ) : null}
      <ul className="room-list">
        {ordered.map((room) => {
          const active = room.id === activeRoomId;
          const unread = room.unreadCount > 0 && !active;
          return (
            <li key={room.id}>
              <Link
                to={paths.room(room.id)}
                className={`room-link ${active ? 'active' : ''} ${unread ? 'unread' : ''}`}
                aria-current={active ? 'page' : undefined}
              >
                <span className="room-name">{room.name}</span>
                <span className="room-preview">{previewText(room, store.me.id)}</span>
                {unread ? (
                  <span className="unread-badge" data-testid="unread-badge">
                    {room.unreadCount > 99 ? '99+' : room.unreadCount}
                    <span className="visually-hidden"> unread</span>
                  </span>
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
