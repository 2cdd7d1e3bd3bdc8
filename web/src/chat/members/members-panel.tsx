import { X } from 'lucide-react';
import { mayRemove, type Member, type PublicUser, type RoomSummary } from '@livechat/protocol';
import { useState } from 'react';
import { toFormErrors } from '../../forms/problem-to-form-errors';
import { Avatar } from '../../ui/avatar';
import { useChat, useChatStore } from '../chat-context';
import { MemberRoleMenu } from './member-role-menu';
import { PeoplePicker } from './people-picker';
import { PRESENCE_LABEL, usePresence } from '../presence-view';

const NO_MEMBERS: readonly Member[] = [];
const ROLE_ORDER = { owner: 0, admin: 1, member: 2 } as const;

/** Who is in the room, who is online, and — per my role — adding and removing people, and their roles. */
export function MembersPanel({
  room,
  canAdd,
  onClose,
}: {
  room: RoomSummary;
  canAdd: boolean;
  onClose: () => void;
}) {
  const store = useChatStore();
  const members = useChat((s) => s.members.get(room.id) ?? NO_MEMBERS);
  const membersLoaded = useChat((s) => s.members.has(room.id));
  const online = useChat((s) => s.online);
  const presenceOf = usePresence();
  const [adding, setAdding] = useState<PublicUser[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const sorted = [...members].sort(
    (a, b) =>
      Number(online.has(b.user.id)) - Number(online.has(a.user.id)) ||
      ROLE_ORDER[a.role] - ROLE_ORDER[b.role] ||
      a.user.displayName.localeCompare(b.user.displayName),
  );

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (failure) {
      setError(toFormErrors(failure, []).form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <aside className="members-panel" aria-label="Members">
      <div className="panel-header">
        <h2>Members</h2>
        <button type="button" className="icon-button" aria-label="Close members" onClick={onClose}>
          <X aria-hidden size={18} />
        </button>
      </div>
      <ul className="member-list" aria-busy={!membersLoaded}>
        {sorted.map((member) => {
          const presence = presenceOf(member.user.id);
          const isMe = member.user.id === store.me.id;
          return (
            <li key={member.user.id} className="member">
              <Avatar user={member.user} presence={presence} size="small" />
              <span className="member-name">
                {member.user.displayName}
                {isMe ? ' (you)' : ''}
                <span className="visually-hidden">, {PRESENCE_LABEL[presence]}</span>
              </span>
              {member.role !== 'member' ? <span className="role-badge">{member.role}</span> : null}
              {!isMe ? <MemberRoleMenu room={room} member={member} busy={busy} run={run} /> : null}
              {!isMe && mayRemove(room.myRole, member.role) ? (
                <button
                  type="button"
                  className="icon-button small"
                  aria-label={`Remove ${member.user.displayName} from the room`}
                  title="Remove from room"
                  disabled={busy}
                  onClick={() => void run(() => store.removeMember(room.id, member.user.id))}
                >
                  <X aria-hidden size={16} />
                </button>
              ) : null}
            </li>
          );
        })}
      </ul>
      {canAdd ? (
        <form
          className="stack add-members"
          onSubmit={(event) => {
            event.preventDefault();
            if (adding.length === 0) return;
            void run(async () => {
              await store.addMembers(
                room.id,
                adding.map((p) => p.id),
              );
              setAdding([]);
            });
          }}
        >
          <PeoplePicker chosen={adding} onChange={setAdding} excludeIds={members.map((m) => m.user.id)} />
          {adding.length > 0 ? (
            <button type="submit" className="button primary" disabled={busy}>
              Add {adding.length === 1 ? (adding[0]?.displayName ?? '') : `${adding.length} people`}
            </button>
          ) : null}
        </form>
      ) : null}
      {error ? (
        <p className="form-message form-message-error" role="alert">
          {error}
        </p>
      ) : null}
    </aside>
  );
}
