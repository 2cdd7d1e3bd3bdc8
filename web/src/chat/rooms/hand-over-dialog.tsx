import type { Member, RoomSummary } from '@livechat/protocol';
import { useState } from 'react';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { useChat, useChatStore } from '../chat-context';
import { RoleBadge } from '../members/role-badge';
import { useRoomAction } from './use-room-action';

const NO_MEMBERS: readonly Member[] = [];

/**
 * Leaving, for the owner: a room always has an owner, so they first choose who takes it over (admins
 * first, the natural heirs), then leave. With nobody else in the room, there is no one to hand it to.
 */
export function HandOverDialog({ room, onClose }: { room: RoomSummary; onClose: () => void }) {
  const store = useChatStore();
  const members = useChat((s) => s.members.get(room.id) ?? NO_MEMBERS);
  const heirs = members
    .filter((m) => m.user.id !== store.me.id)
    .sort(
      (a, b) =>
        Number(b.role === 'admin') - Number(a.role === 'admin') ||
        a.user.displayName.localeCompare(b.user.displayName),
    );
  const [heirId, setHeirId] = useState<string | null>(null);
  const chosen = heirId ?? heirs[0]?.user.id ?? null;
  const { busy, error, run } = useRoomAction(() => store.handOverAndLeave(room.id, chosen!));
  return (
    <ConfirmDialog
      title={`Leave ${room.name}?`}
      message={
        heirs.length === 0
          ? `You are the only member of ${room.name}. Add someone to hand it to, or delete the room instead.`
          : 'You own this room: someone else becomes its owner when you leave.'
      }
      confirmLabel="Make owner and leave"
      busy={busy || !chosen}
      error={error}
      onConfirm={() => chosen && run()}
      onClose={onClose}
    >
      {heirs.length > 0 ? (
        <fieldset className="flex flex-col gap-3.5">
          <legend className="mb-2">Choose who becomes its owner when you leave:</legend>
          {heirs.map((member) => (
            <label key={member.user.id} className="flex flex-wrap items-center gap-2">
              <input
                type="radio"
                name="heir"
                className="accent-primary"
                value={member.user.id}
                checked={chosen === member.user.id}
                onChange={() => setHeirId(member.user.id)}
              />
              {member.user.displayName}
              {member.role === 'admin' ? <RoleBadge role="admin" /> : null}
            </label>
          ))}
        </fieldset>
      ) : null}
    </ConfirmDialog>
  );
}
