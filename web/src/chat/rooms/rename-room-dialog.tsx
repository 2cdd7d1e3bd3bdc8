import type { RoomSummary } from '@livechat/protocol';
import { FormMessage } from '../../forms/form-message';
import { checkRequired } from '../../forms/required-fields';
import { TextField } from '../../forms/text-field';
import { useFormSubmit } from '../../forms/use-form-submit';
import { FormDialog, FormDialogActions } from '../../ui/form-dialog';
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
    <FormDialog title="Rename room" onClose={onClose}>
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-3.5">
        <TextField
          label="Room name"
          name="name"
          defaultValue={room.name}
          maxLength={80}
          required
          error={errors.fields.name}
        />
        <FormMessage message={errors.form} />
        <FormDialogActions submitLabel="Rename" busy={busy} />
      </form>
    </FormDialog>
  );
}
