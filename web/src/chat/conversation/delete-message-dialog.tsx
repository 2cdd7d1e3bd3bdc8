import { useConfirmedAction } from '../../forms/use-confirmed-action';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { useChatStore } from '../chat-context';
import type { MessageView } from '../timeline/message-view';

export function DeleteMessageDialog({
  roomId,
  message,
  onClose,
}: {
  roomId: string;
  message: MessageView;
  onClose: () => void;
}) {
  const store = useChatStore();
  const { busy, error, run } = useConfirmedAction(async () => {
    if (message.id) await store.deleteMessage(roomId, message.id);
  }, onClose);
  return (
    <ConfirmDialog
      title="Delete this message?"
      message={<>Everyone in the room will see “This message was deleted.” instead of it.</>}
      confirmLabel="Delete message"
      busy={busy}
      error={error}
      onConfirm={run}
      onClose={onClose}
    />
  );
}
