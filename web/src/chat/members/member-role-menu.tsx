import { ShieldCheck } from 'lucide-react';
import { may, type Member, type RoomSummary } from '@livechat/protocol';
import { useState } from 'react';
import { ConfirmDialog } from '../../ui/dialog';
import { MenuButton } from '../../ui/menu-button';
import { useChatStore } from '../chat-context';
import { useConfirmedAction } from '../../forms/use-confirmed-action';

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
  const [confirming, setConfirming] = useState(false);
  if (!may(room.myRole, 'changeRole') || member.role === 'owner') return null;
  const name = member.user.displayName;
  const isAdmin = member.role === 'admin';
  return (
    <>
      <MenuButton
        label={`Role of ${name}`}
        icon={<ShieldCheck aria-hidden size={16} />}
        className="icon-button small"
      >
        {(close) => (
          <>
            <button
              type="button"
              className="menu-item"
              disabled={busy}
              onClick={() => {
                close();
                void run(() => store.changeRole(room.id, member.user.id, isAdmin ? 'member' : 'admin'));
              }}
            >
              {isAdmin ? 'Remove admin' : 'Make admin'}
            </button>
            {may(room.myRole, 'transferOwnership') ? (
              <button
                type="button"
                className="menu-item"
                onClick={() => {
                  close();
                  setConfirming(true);
                }}
              >
                Make owner
              </button>
            ) : null}
          </>
        )}
      </MenuButton>
      {confirming ? (
        <MakeOwnerDialog room={room} member={member} onClose={() => setConfirming(false)} />
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
