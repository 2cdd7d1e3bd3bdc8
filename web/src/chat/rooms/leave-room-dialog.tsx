import type { RoomSummary } from '@livechat/protocol';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { useChatStore } from '../chat-context';
import { useRoomAction } from './use-room-action';

export function LeaveRoomDialog({ room, onClose }: { room: RoomSummary; onClose: () => void }) {
  const store = useChatStore();
  const { busy, error, run } = useRoomAction(() => store.removeMember(room.id, store.me.id));
  return (
    <ConfirmDialog
      title={`Leave ${room.name}?`}
      message="You will stop receiving its messages. Someone in the room can add you back."
      confirmLabel="Leave room"
      busy={busy}
      error={error}
      onConfirm={run}
      onClose={onClose}
    />
  );
}
