import { X } from 'lucide-react';
import { mayRemove, type Member, type PublicUser, type RoomSummary } from '@livechat/protocol';
import { useState } from 'react';
import { toFormErrors } from '../../forms/problem-to-form-errors';
import { Button } from '../../components/ui/button';
import { FormMessage } from '../../forms/form-message';
import { Avatar } from '../../ui/avatar';
import { IconButton } from '../../ui/icon-button';
import { useChat, useChatStore } from '../chat-context';
import { MemberRoleMenu } from './member-role-menu';
import { PeoplePicker } from './people-picker';
import { RoleBadge } from './role-badge';
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
    // On a phone the panel covers the conversation.
    <aside
      className="flex min-h-0 flex-col gap-3 overflow-y-auto border-l bg-muted p-3 max-wide:fixed max-wide:inset-0 max-wide:z-10"
      aria-label="Members"
    >
      <div className="flex items-center justify-between">
        <h2 className="font-bold">Members</h2>
        <IconButton label="Close members" onClick={onClose}>
          <X aria-hidden />
        </IconButton>
      </div>
      {/* `member-list`: the browser tests wait for it to stop being busy. */}
      <ul className="member-list" aria-busy={!membersLoaded}>
        {sorted.map((member) => {
          const presence = presenceOf(member.user.id);
          const isMe = member.user.id === store.me.id;
          return (
            <li key={member.user.id} className="flex items-center gap-2.5 px-1 py-1.25">
              <Avatar user={member.user} presence={presence} size="small" />
              <span className="flex-1 truncate">
                {member.user.displayName}
                {isMe ? ' (you)' : ''}
                <span className="sr-only">, {PRESENCE_LABEL[presence]}</span>
              </span>
              {member.role !== 'member' ? <RoleBadge role={member.role} /> : null}
              {!isMe ? <MemberRoleMenu room={room} member={member} busy={busy} run={run} /> : null}
              {!isMe && mayRemove(room.myRole, member.role) ? (
                <IconButton
                  label={`Remove ${member.user.displayName} from the room`}
                  size="icon-sm"
                  disabled={busy}
                  onClick={() => void run(() => store.removeMember(room.id, member.user.id))}
                >
                  <X aria-hidden />
                </IconButton>
              ) : null}
            </li>
          );
        })}
      </ul>
      {canAdd ? (
        <form
          className="flex flex-col gap-3.5"
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
            <Button type="submit" disabled={busy}>
              Add {adding.length === 1 ? (adding[0]?.displayName ?? '') : `${adding.length} people`}
            </Button>
          ) : null}
        </form>
      ) : null}
      <FormMessage message={error} />
    </aside>
  );
}
