import type { RoomSummary } from '@livechat/protocol';
import { FormMessage } from '../../forms/form-message';
import { checkRequired } from '../../forms/required-fields';
import { TextField } from '../../forms/text-field';
import { useFormSubmit } from '../../forms/use-form-submit';
import { Dialog } from '../../ui/dialog';
import { useChatStore } from '../chat-context';

const FIELDS = ['name'] as const;

export function RenameRoomDialog({ room, onClose }: { room: RoomSummary; onClose: () => void }) {
  const store = useChatStore();
  const { busy, errors, onSubmit } = useFormSubmit(
    FIELDS,
    async ({ name = '' }) => {
      await store.renameRoom(room.id, name.trim());
      onClose();
    },
    (data) => checkRequired(data, FIELDS),
  );
  return (
    <Dialog title="Rename room" onClose={onClose}>
      <form onSubmit={onSubmit} noValidate className="stack">
        <TextField
          label="Room name"
          name="name"
          defaultValue={room.name}
          maxLength={80}
          required
          error={errors.fields.name}
        />
        <FormMessage message={errors.form} />
        <div className="row dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={busy}>
            Rename
          </button>
        </div>
      </form>
    </Dialog>
  );
}
