import { AuthLinks } from './auth-links';
import { Button } from '../components/ui/button';
import { FormMessage } from '../forms/form-message';
import { checkRequired, PASSWORD_MIN_LENGTH } from '../forms/required-fields';
import { TextField } from '../forms/text-field';
import { useFormSubmit } from '../forms/use-form-submit';
import { Link, useNavigate } from '@tanstack/react-router';
import { useSessionStore } from '../session/session-context';
import { AuthLayout } from './auth-layout';

const FIELDS = ['displayName', 'email', 'password'] as const;

export function RegisterScreen() {
  const session = useSessionStore();
  const navigate = useNavigate();
  const { busy, errors, onSubmit } = useFormSubmit(
    FIELDS,
    async ({ displayName = '', email = '', password = '' }) => {
      await session.api.call('register', {
        body: { displayName: displayName.trim(), email: email.trim(), password },
      });
      await navigate({ to: '/check-email', search: { email: email.trim() } });
    },
    (data) => checkRequired(data, FIELDS, ['password']),
  );
  return (
    <AuthLayout title="Create your account">
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-3.5">
        <TextField
          label="Your name"
          name="displayName"
          autoComplete="name"
          maxLength={64}
          required
          hint="Shown to the people you chat with."
          error={errors.fields.displayName}
        />
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          required
          error={errors.fields.email}
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
          error={errors.fields.password}
        />
        <FormMessage message={errors.form} />
        <Button type="submit" disabled={busy}>
          {busy ? 'Creating…' : 'Create account'}
        </Button>
      </form>
      <AuthLinks>
        <span>
          Already have an account? <Link to="/login">Log in</Link>
        </span>
      </AuthLinks>
    </AuthLayout>
  );
}
