import type { PublicUser } from '@livechat/protocol';
import { useState } from 'react';
import { flushSync } from 'react-dom';
import { FormMessage } from '../../forms/form-message';
import { checkRequired } from '../../forms/required-fields';
import { TextField } from '../../forms/text-field';
import { useFormSubmit } from '../../forms/use-form-submit';
import { navigate } from '../../routing/location-store';
import { paths } from '../../routing/routes';
import { Dialog } from '../../ui/dialog';
import { useChatStore } from '../chat-context';
import { PeoplePicker } from '../members/people-picker';

const FIELDS = ['name'] as const;

/** A new room: its name, then the people in it (found by name). */
export function CreateRoomDialog({ onClose }: { onClose: () => void }) {
  const store = useChatStore();
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
      navigate(paths.room(room.id));
    },
    (data) => checkRequired(data, FIELDS),
  );
  return (
    <Dialog title="Create a room" onClose={onClose}>
      <form onSubmit={onSubmit} noValidate className="stack">
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
        <div className="row dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={busy}>
            Create room
          </button>
        </div>
      </form>
    </Dialog>
  );
}
