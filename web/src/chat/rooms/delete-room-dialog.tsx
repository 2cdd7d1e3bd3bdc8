import type { RoomSummary } from '@livechat/protocol';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { useChatStore } from '../chat-context';
import { useRoomAction } from './use-room-action';

export function DeleteRoomDialog({ room, onClose }: { room: RoomSummary; onClose: () => void }) {
  const store = useChatStore();
  const { busy, error, run } = useRoomAction(() => store.deleteRoom(room.id));
  return (
    <ConfirmDialog
      title={`Delete ${room.name}?`}
      message="The room and all its messages are deleted for everyone in it. This cannot be undone."
      confirmLabel="Delete room"
      busy={busy}
      error={error}
      onConfirm={run}
      onClose={onClose}
    />
  );
}
