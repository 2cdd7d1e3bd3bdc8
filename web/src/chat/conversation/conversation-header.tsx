import { ArrowLeft, Ellipsis } from 'lucide-react';
import { may, type RoomSummary } from '@livechat/protocol';
import { Button } from '../../components/ui/button';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuTrigger,
} from '../../components/ui/dropdown-menu';
import { Tooltip, TooltipContent, TooltipTrigger } from '../../components/ui/tooltip';
import { Link } from '@tanstack/react-router';
import { IconButton } from '../../ui/icon-button';
import { useDialogFromMenu } from '../../ui/use-dialog-from-menu';
import { NotificationLevelField } from '../notifications/notification-level-field';
import { DeleteRoomDialog } from '../rooms/delete-room-dialog';
import { HandOverDialog } from '../rooms/hand-over-dialog';
import { LeaveRoomDialog } from '../rooms/leave-room-dialog';
import { RenameRoomDialog } from '../rooms/rename-room-dialog';

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
  const dialog = useDialogFromMenu<'rename' | 'leave' | 'delete'>();
  return (
    <header className="flex items-center gap-2.5 border-b px-4 py-2.5">
      {/* On a phone the room list is another screen: the way back to it. */}
      <Tooltip>
        <TooltipTrigger asChild>
          <Button asChild variant="ghost" size="icon" className="wide:hidden">
            <Link to="/" aria-label="Back to rooms">
              <ArrowLeft aria-hidden />
            </Link>
          </Button>
        </TooltipTrigger>
        <TooltipContent>Back to rooms</TooltipContent>
      </Tooltip>
      <h1 className="flex-1 truncate text-[17px] font-bold">{room.name}</h1>
      <Button type="button" variant="outline" size="sm" aria-pressed={membersOpen} onClick={onToggleMembers}>
        {room.memberCount} {room.memberCount === 1 ? 'member' : 'members'}
      </Button>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <IconButton label="Room options">
            <Ellipsis aria-hidden />
          </IconButton>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end" onCloseAutoFocus={dialog.onMenuClosed}>
          {may(room.myRole, 'rename') ? (
            <DropdownMenuItem onSelect={() => dialog.choose('rename')}>Rename room</DropdownMenuItem>
          ) : null}
          <NotificationLevelField room={room} />
          <DropdownMenuItem onSelect={() => dialog.choose('leave')}>Leave room</DropdownMenuItem>
          {may(room.myRole, 'deleteRoom') ? (
            <DropdownMenuItem variant="destructive" onSelect={() => dialog.choose('delete')}>
              Delete room
            </DropdownMenuItem>
          ) : null}
        </DropdownMenuContent>
      </DropdownMenu>
      {dialog.open === 'rename' ? <RenameRoomDialog room={room} onClose={dialog.close} /> : null}
      {dialog.open === 'leave' && room.myRole === 'owner' ? (
        <HandOverDialog room={room} onClose={dialog.close} />
      ) : dialog.open === 'leave' ? (
        <LeaveRoomDialog room={room} onClose={dialog.close} />
      ) : null}
      {dialog.open === 'delete' ? <DeleteRoomDialog room={room} onClose={dialog.close} /> : null}
    </header>
  );
}
