import type { NotificationLevel, RoomSummary } from '@livechat/protocol';
import { useId, useState } from 'react';
import { toFormErrors } from '../../forms/problem-to-form-errors';
import { useChatStore } from '../chat-context';

/**
 * The room's notification level, kept on the server for my membership, so it is the same on every device
 * (they follow live). "Mentions only" is shown but cannot be chosen until mentions exist.
 */
export function NotificationLevelField({ room }: { room: RoomSummary }) {
  const store = useChatStore();
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const choose = (level: NotificationLevel) => {
    setError(null);
    store.setNotificationLevel(room.id, level).catch((failure: unknown) => {
      setError(toFormErrors(failure, []).form ?? 'Could not change the notifications. Try again.');
    });
  };
  return (
    // Inside the room's menu: keys go to the select, not to the menu's typeahead and arrow navigation.
    // A label of its own (not wrapping the select), so the select's name is "Notifications" alone.
    <div className="flex flex-col gap-1 px-2.5 py-2 text-sm" onKeyDown={(event) => event.stopPropagation()}>
      <label htmlFor={id}>Notifications</label>
      <select
        id={id}
        className="rounded-md border border-border bg-background px-2 py-1"
        value={room.notificationLevel}
        onChange={(event) => choose(event.target.value as NotificationLevel)}
      >
        <option value="all">All messages</option>
        <option value="mentions" disabled>
          Mentions only (once mentions exist)
        </option>
        <option value="none">None</option>
      </select>
      {error ? <span role="alert">{error}</span> : null}
    </div>
  );
}
