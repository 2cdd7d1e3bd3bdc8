import { AuthLinks } from './auth-links';
import { Button } from '../components/ui/button';
import { useState } from 'react';
import { FormMessage } from '../forms/form-message';
import { checkRequired } from '../forms/required-fields';
import { TextField } from '../forms/text-field';
import { useFormSubmit } from '../forms/use-form-submit';
import { Link } from '@tanstack/react-router';
import { useSessionStore } from '../session/session-context';
import { AuthLayout } from './auth-layout';
import { MailboxHint } from './mailbox-hint';

const FIELDS = ['email'] as const;

export function ForgotPasswordScreen() {
  const session = useSessionStore();
  const [sentTo, setSentTo] = useState<{ email: string; message: string } | null>(null);
  const { busy, errors, onSubmit } = useFormSubmit(
    FIELDS,
    async ({ email = '' }) => {
      const answer = await session.api.call('forgotPassword', { body: { email: email.trim() } });
      setSentTo({ email: email.trim(), message: answer.message });
    },
    (data) => checkRequired(data, FIELDS),
  );
  return (
    <AuthLayout title="Reset your password">
      {sentTo ? (
        <>
          <FormMessage tone="success" message={sentTo.message} />
          <MailboxHint email={sentTo.email} />
        </>
      ) : (
        <form onSubmit={onSubmit} noValidate className="flex flex-col gap-3.5">
          <p>Enter your email address and we’ll send you a link to choose a new password.</p>
          <TextField
            label="Email"
            name="email"
            type="email"
            autoComplete="email"
            required
            error={errors.fields.email}
          />
          <FormMessage message={errors.form} />
          <Button type="submit" disabled={busy}>
            {busy ? 'Sending…' : 'Send reset link'}
          </Button>
        </form>
      )}
      <AuthLinks>
        <Link to="/login">Back to log in</Link>
      </AuthLinks>
    </AuthLayout>
  );
}
