import { SettingsSection } from './settings-section';
import { Button } from '../components/ui/button';
import type { SessionUser } from '@livechat/protocol';
import { toast } from 'sonner';
import { FormMessage } from '../forms/form-message';
import { checkRequired } from '../forms/required-fields';
import { TextField } from '../forms/text-field';
import { useFormSubmit } from '../forms/use-form-submit';
import { useSessionStore } from '../session/session-context';

const FIELDS = ['displayName'] as const;

export function ProfileForm({ user }: { user: SessionUser }) {
  const session = useSessionStore();
  const { busy, errors, onSubmit } = useFormSubmit(
    FIELDS,
    async ({ displayName = '' }) => {
      session.setUser(await session.api.call('updateMe', { body: { displayName: displayName.trim() } }));
      toast.success('Your name is saved.');
    },
    (data) => checkRequired(data, FIELDS),
  );
  return (
    <SettingsSection title="Profile">
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-3.5">
        <TextField
          label="Your name"
          name="displayName"
          defaultValue={user.displayName}
          maxLength={64}
          required
          error={errors.fields.displayName}
        />
        <FormMessage message={errors.form} />
        <Button type="submit" className="self-start" disabled={busy}>
          Save name
        </Button>
      </form>
    </SettingsSection>
  );
}
