import { FormMessage } from '../forms/form-message';
import { checkRequired } from '../forms/required-fields';
import { TextField } from '../forms/text-field';
import { useFormSubmit } from '../forms/use-form-submit';
import { navigate } from '../routing/location-store';
import { Link } from '../routing/link';
import { paths } from '../routing/routes';
import { useSession, useSessionStore } from '../session/session-context';
import { AuthLayout } from './auth-layout';

const FIELDS = ['email', 'password'] as const;

export function LoginScreen() {
  const session = useSessionStore();
  const state = useSession();
  const { busy, errors, onSubmit } = useFormSubmit(
    FIELDS,
    async ({ email = '', password = '' }) => {
      await session.login(email.trim(), password);
      navigate(paths.home, { replace: true });
    },
    (data) => checkRequired(data, FIELDS),
  );
  const notice = state.status === 'signedOut' ? state.reason : null;
  return (
    <AuthLayout title="Log in to LiveChat">
      {notice ? <FormMessage message={notice} tone="info" /> : null}
      <form onSubmit={onSubmit} noValidate className="stack">
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
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? 'Logging in…' : 'Log in'}
        </button>
      </form>
      <p className="auth-links">
        <Link to={paths.forgotPassword}>Forgot your password?</Link>
        <span>
          New here? <Link to={paths.register}>Create an account</Link>
        </span>
      </p>
    </AuthLayout>
  );
}
