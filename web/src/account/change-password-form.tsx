import { SettingsSection } from './settings-section';
import { Button } from '../components/ui/button';
import { useState } from 'react';
import { toast } from 'sonner';
import { FormMessage } from '../forms/form-message';
import { checkRequired, PASSWORD_MIN_LENGTH } from '../forms/required-fields';
import { TextField } from '../forms/text-field';
import { useFormSubmit } from '../forms/use-form-submit';
import { useSessionStore } from '../session/session-context';

const FIELDS = ['currentPassword', 'newPassword'] as const;

/** Needs the current password; the API ends every other session, this one stays. */
export function ChangePasswordForm() {
  const session = useSessionStore();
  // A new form after each change empties the password inputs.
  const [changes, setChanges] = useState(0);
  const { busy, errors, onSubmit } = useFormSubmit(
    FIELDS,
    async ({ currentPassword = '', newPassword = '' }) => {
      await session.api.call('changePassword', { body: { currentPassword, newPassword } });
      setChanges((count) => count + 1);
      toast.success('Password changed. Other devices were logged out.');
    },
    (data) => checkRequired(data, FIELDS, ['newPassword']),
  );
  return (
    <SettingsSection title="Password">
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-3.5" key={changes}>
        <TextField
          label="Current password"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          error={errors.fields.currentPassword}
        />
        <TextField
          label="New password"
          name="newPassword"
          type="password"
          autoComplete="new-password"
          required
          hint={`At least ${PASSWORD_MIN_LENGTH} characters. Your other devices will be logged out.`}
          error={errors.fields.newPassword}
        />
        <FormMessage message={errors.form} />
        <Button type="submit" className="self-start" disabled={busy}>
          Change password
        </Button>
      </form>
    </SettingsSection>
  );
}
