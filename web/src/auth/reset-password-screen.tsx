import { Button } from '../components/ui/button';
import { useState } from 'react';
import { FormMessage } from '../forms/form-message';
import { checkRequired, PASSWORD_MIN_LENGTH } from '../forms/required-fields';
import { TextField } from '../forms/text-field';
import { useFormSubmit } from '../forms/use-form-submit';
import { Link } from '@tanstack/react-router';
import { useSessionStore } from '../session/session-context';
import { AuthLayout } from './auth-layout';

const FIELDS = ['password', 'confirmPassword'] as const;

/** The target of the link in the reset mail. A reset ends every session, this one included. */
export function ResetPasswordScreen({ token }: { token: string }) {
  const session = useSessionStore();
  const [done, setDone] = useState(false);
  const { busy, errors, onSubmit } = useFormSubmit(
    FIELDS,
    async ({ password = '' }) => {
      await session.api.call('resetPassword', { body: { token, password } });
      if (session.getState().status === 'signedIn') session.signOut('Your password changed. Log in again.');
      setDone(true);
    },
    (data) => {
      const local = checkRequired(data, ['password'], ['password']);
      if (!local.password && data.password !== data.confirmPassword) {
        local.confirmPassword = 'The two passwords don’t match.';
      }
      return local;
    },
  );
  if (!token) {
    return (
      <AuthLayout title="Choose a new password">
        <FormMessage message="This link is incomplete. Open the one in the mail, or ask for a new one." />
        <Link to="/forgot-password">Ask for a new link</Link>
      </AuthLayout>
    );
  }
  return (
    <AuthLayout title="Choose a new password">
      {done ? (
        <>
          <FormMessage tone="success" message="Your password is changed. Every device was logged out." />
          <Button asChild>
            <Link to="/login">Log in</Link>
          </Button>
        </>
      ) : (
        <form onSubmit={onSubmit} noValidate className="flex flex-col gap-3.5">
          <TextField
            label="New password"
            name="password"
            type="password"
            autoComplete="new-password"
            required
            hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
            error={errors.fields.password}
          />
          <TextField
            label="Repeat the new password"
            name="confirmPassword"
            type="password"
            autoComplete="new-password"
            required
            error={errors.fields.confirmPassword}
          />
          <FormMessage message={errors.form} />
          {errors.form ? <Link to="/forgot-password">Ask for a new link</Link> : null}
          <Button type="submit" disabled={busy}>
            {busy ? 'Saving…' : 'Set new password'}
          </Button>
        </form>
      )}
    </AuthLayout>
  );
}
