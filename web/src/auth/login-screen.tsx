import { AuthLinks } from './auth-links';
import { Button } from '../components/ui/button';
import { FormMessage } from '../forms/form-message';
import { checkRequired } from '../forms/required-fields';
import { TextField } from '../forms/text-field';
import { useFormSubmit } from '../forms/use-form-submit';
import { Link, useNavigate } from '@tanstack/react-router';
import { useSession, useSessionStore } from '../session/session-context';
import { AuthLayout } from './auth-layout';

const FIELDS = ['email', 'password'] as const;

export function LoginScreen() {
  const session = useSessionStore();
  const state = useSession();
  const navigate = useNavigate();
  const { busy, errors, onSubmit } = useFormSubmit(
    FIELDS,
    async ({ email = '', password = '' }) => {
      await session.login(email.trim(), password);
      await navigate({ to: '/', replace: true });
    },
    (data) => checkRequired(data, FIELDS),
  );
  const notice = state.status === 'signedOut' ? state.reason : null;
  return (
    <AuthLayout title="Log in to LiveChat">
      {notice ? <FormMessage message={notice} tone="info" /> : null}
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-3.5">
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
          autoComplete="current-password"
          required
          error={errors.fields.password}
        />
        <FormMessage message={errors.form} />
        <Button type="submit" disabled={busy}>
          {busy ? 'Logging in…' : 'Log in'}
        </Button>
      </form>
      <AuthLinks>
        <Link to="/forgot-password">Forgot your password?</Link>
        <span>
          New here? <Link to="/register">Create an account</Link>
        </span>
      </AuthLinks>
    </AuthLayout>
  );
}
