import type { Member, RoomSummary } from '@livechat/protocol';
import { useState } from 'react';
import { FormMessage } from '../../forms/form-message';
import { Dialog } from '../../ui/dialog';
import { useChat, useChatStore } from '../chat-context';
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
    <Dialog title={`Leave ${room.name}?`} onClose={onClose} role="alertdialog">
      <form
        className="stack"
        onSubmit={(event) => {
          event.preventDefault();
          if (chosen) run();
        }}
      >
        {heirs.length === 0 ? (
          <p>
            You are the only member of {room.name}. Add someone to hand it to, or delete the room instead.
          </p>
        ) : (
          <fieldset className="stack hand-over-choices">
            <legend>You own this room. Choose who becomes its owner when you leave:</legend>
            {heirs.map((member) => (
              <label key={member.user.id} className="row hand-over-choice">
                <input
                  type="radio"
                  name="heir"
                  value={member.user.id}
                  checked={chosen === member.user.id}
                  onChange={() => setHeirId(member.user.id)}
                />
                {member.user.displayName}
                {member.role === 'admin' ? <span className="role-badge">admin</span> : null}
              </label>
            ))}
          </fieldset>
        )}
        <FormMessage message={error} />
        <div className="row dialog-actions">
          <button type="button" className="button" onClick={onClose} autoFocus>
            Cancel
          </button>
          <button type="submit" className="button danger" disabled={busy || !chosen}>
            Make owner and leave
          </button>
        </div>
      </form>
    </Dialog>
  );
}
