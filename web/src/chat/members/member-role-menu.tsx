import { ShieldCheck } from 'lucide-react';
import { may, type Member, type RoomSummary } from '@livechat/protocol';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuTrigger,
} from '../../components/ui/dropdown-menu';
import { useConfirmedAction } from '../../forms/use-confirmed-action';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { IconButton } from '../../ui/icon-button';
import { useDialogFromMenu } from '../../ui/use-dialog-from-menu';
import { useChatStore } from '../chat-context';

/**
 * The owner's choices for another member: grant or revoke admin, or hand the room to them (confirmed,
 * since the owner cannot take it back). Shown only where the owner may change roles (protocol PERMISSIONS).
 */
export function MemberRoleMenu({
  room,
  member,
  busy,
  run,
}: {
  room: RoomSummary;
  member: Member;
  busy: boolean;
  run: (action: () => Promise<void>) => Promise<void>;
}) {
  const store = useChatStore();
  const dialog = useDialogFromMenu<'makeOwner'>();
  if (!may(room.myRole, 'changeRole') || member.role === 'owner') return null;
  const name = member.user.displayName;
  const isAdmin = member.role === 'admin';
  return (
    <>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <IconButton label={`Role of ${name}`} size="icon-sm">
            <ShieldCheck aria-hidden />
          </IconButton>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end" onCloseAutoFocus={dialog.onMenuClosed}>
          <DropdownMenuItem
            disabled={busy}
            onSelect={() =>
              void run(() => store.changeRole(room.id, member.user.id, isAdmin ? 'member' : 'admin'))
            }
          >
            {isAdmin ? 'Remove admin' : 'Make admin'}
          </DropdownMenuItem>
          {may(room.myRole, 'transferOwnership') ? (
            <DropdownMenuItem onSelect={() => dialog.choose('makeOwner')}>Make owner</DropdownMenuItem>
          ) : null}
        </DropdownMenuContent>
      </DropdownMenu>
      {dialog.open === 'makeOwner' ? (
        <MakeOwnerDialog room={room} member={member} onClose={dialog.close} />
      ) : null}
    </>
  );
}

function MakeOwnerDialog({
  room,
  member,
  onClose,
}: {
  room: RoomSummary;
  member: Member;
  onClose: () => void;
}) {
  const store = useChatStore();
  const { busy, error, run } = useConfirmedAction(
    () => store.transferOwnership(room.id, member.user.id),
    onClose,
  );
  return (
    <ConfirmDialog
      title={`Make ${member.user.displayName} the owner?`}
      message={`${member.user.displayName} will own ${room.name}, and you will be an admin. Only the new owner can give it back.`}
      confirmLabel="Make owner"
      busy={busy}
      error={error}
      onConfirm={run}
      onClose={onClose}
    />
  );
}
