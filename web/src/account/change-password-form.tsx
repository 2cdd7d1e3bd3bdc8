import { useState } from 'react';
import { FormMessage } from '../forms/form-message';
import { checkRequired, PASSWORD_MIN_LENGTH } from '../forms/required-fields';
import { TextField } from '../forms/text-field';
import { useFormSubmit } from '../forms/use-form-submit';
import { useSessionStore } from '../session/session-context';

const FIELDS = ['currentPassword', 'newPassword'] as const;

/** Needs the current password; the API ends every other session, this one stays. */
export function ChangePasswordForm() {
  const session = useSessionStore();
  const [done, setDone] = useState(false);
  const { busy, errors, onSubmit } = useFormSubmit(
    FIELDS,
    async ({ currentPassword = '', newPassword = '' }) => {
      setDone(false);
      await session.api.call('changePassword', { body: { currentPassword, newPassword } });
      setDone(true);
    },
    (data) => checkRequired(data, FIELDS, ['newPassword']),
  );
  return (
    <section className="settings-section" aria-labelledby="password-title">
      <h2 id="password-title">Password</h2>
      {/* A new key after success empties the password inputs. */}
      <form onSubmit={onSubmit} noValidate className="stack" key={done ? 'done' : 'editing'}>
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
        {done ? (
          <FormMessage tone="success" message="Password changed. Other devices were logged out." />
        ) : null}
        <button type="submit" className="button primary" disabled={busy}>
          Change password
        </button>
      </form>
    </section>
  );
}
