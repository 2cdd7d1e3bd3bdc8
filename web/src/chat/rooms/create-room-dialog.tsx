import type { PublicUser } from '@livechat/protocol';
import { useState } from 'react';
import { flushSync } from 'react-dom';
import { FormMessage } from '../../forms/form-message';
import { checkRequired } from '../../forms/required-fields';
import { TextField } from '../../forms/text-field';
import { useFormSubmit } from '../../forms/use-form-submit';
import { useNavigate } from '@tanstack/react-router';
import { FormDialog, FormDialogActions } from '../../ui/form-dialog';
import { useChatStore } from '../chat-context';
import { PeoplePicker } from '../members/people-picker';

const FIELDS = ['name'] as const;

/** A new room: its name, then the people in it (found by name). */
export function CreateRoomDialog({ onClose }: { onClose: () => void }) {
  const store = useChatStore();
  const navigate = useNavigate();
  const [people, setPeople] = useState<PublicUser[]>([]);
  const { busy, errors, onSubmit } = useFormSubmit(
    FIELDS,
    async ({ name = '' }) => {
      const room = await store.createRoom(
        name.trim(),
        people.map((p) => p.id),
      );
      // The dialog is gone in the same task that shows the room. Closing is a plain state update, which React
      // would render in a later task, while the room (the route and the store are external stores, rendered
      // at once) already shows behind the modal: whatever is typed then goes nowhere, the page behind a
      // modal being inert — on a busy machine, long enough to lose a name typed into "Add people".
      flushSync(onClose);
      await navigate({ to: '/rooms/$roomId', params: { roomId: room.id } });
    },
    (data) => checkRequired(data, FIELDS),
  );
  return (
    <FormDialog title="Create a room" onClose={onClose}>
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-3.5">
        <TextField
          label="Room name"
          name="name"
          maxLength={80}
          required
          autoFocus
          error={errors.fields.name}
        />
        <PeoplePicker chosen={people} onChange={setPeople} />
        <FormMessage message={errors.form} />
        <FormDialogActions submitLabel="Create room" busy={busy} />
      </form>
    </FormDialog>
  );
}
