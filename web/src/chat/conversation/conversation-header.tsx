import { ArrowLeft, Ellipsis } from 'lucide-react';
import { may, type RoomSummary } from '@livechat/protocol';
import { useState } from 'react';
import { Link } from '../../routing/link';
import { paths } from '../../routing/routes';
import { MenuButton } from '../../ui/menu-button';
import { DeleteRoomDialog } from '../rooms/delete-room-dialog';
import { HandOverDialog } from '../rooms/hand-over-dialog';
import { LeaveRoomDialog } from '../rooms/leave-room-dialog';
import { RenameRoomDialog } from '../rooms/rename-room-dialog';

type OpenDialog = 'rename' | 'leave' | 'delete' | null;

/** Room name, member count (toggles the member list) and the room's options per my role. */
export function ConversationHeader({
  room,
  membersOpen,
  onToggleMembers,
}: {
  room: RoomSummary;
  membersOpen: boolean;
  onToggleMembers: () => void;
}) {
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const open = (which: OpenDialog, closeMenu: () => void) => {
    closeMenu();
    setDialog(which);
  };
  return (
    <header className="conversation-header">
      <Link to={paths.home} className="icon-button back-to-rooms" aria-label="Back to rooms">
        <ArrowLeft aria-hidden size={18} />
      </Link>
      <h1 className="conversation-title">{room.name}</h1>
      <button type="button" className="button small" aria-pressed={membersOpen} onClick={onToggleMembers}>
        {room.memberCount} {room.memberCount === 1 ? 'member' : 'members'}
      </button>
      <MenuButton label="Room options" icon={<Ellipsis aria-hidden size={18} />}>
        {(close) => (
          <>
            {may(room.myRole, 'rename') ? (
              <button type="button" className="menu-item" onClick={() => open('rename', close)}>
                Rename room
              </button>
            ) : null}
            <button type="button" className="menu-item" onClick={() => open('leave', close)}>
              Leave room
            </button>
            {may(room.myRole, 'deleteRoom') ? (
              <button type="button" className="menu-item danger" onClick={() => open('delete', close)}>
                Delete room
              </button>
            ) : null}
          </>
        )}
      </MenuButton>
      {dialog === 'rename' ? <RenameRoomDialog room={room} onClose={() => setDialog(null)} /> : null}
      {dialog === 'leave' && room.myRole === 'owner' ? (
        <HandOverDialog room={room} onClose={() => setDialog(null)} />
      ) : dialog === 'leave' ? (
        <LeaveRoomDialog room={room} onClose={() => setDialog(null)} />
      ) : null}
      {dialog === 'delete' ? <DeleteRoomDialog room={room} onClose={() => setDialog(null)} /> : null}
    </header>
  );
}
