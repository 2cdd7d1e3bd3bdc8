import { useState } from 'react';
import { toFormErrors } from '../../forms/problem-to-form-errors';
import { ConfirmDialog } from '../../ui/dialog';
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
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirm = async () => {
    if (!message.id) return;
    setBusy(true);
    try {
      await store.deleteMessage(roomId, message.id);
      onClose();
    } catch (failure) {
      setError(toFormErrors(failure, []).form);
      setBusy(false);
    }
  };
  return (
    <ConfirmDialog
      title="Delete this message?"
      message={<>Everyone in the room will see “This message was deleted.” instead of it.</>}
      confirmLabel="Delete message"
      busy={busy}
      error={error}
      onConfirm={() => void confirm()}
      onClose={onClose}
    />
  );
}
