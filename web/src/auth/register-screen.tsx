import { FormMessage } from '../forms/form-message';
import { checkRequired, PASSWORD_MIN_LENGTH } from '../forms/required-fields';
import { TextField } from '../forms/text-field';
import { useFormSubmit } from '../forms/use-form-submit';
import { navigate } from '../routing/location-store';
import { Link } from '../routing/link';
import { paths } from '../routing/routes';
import { useSessionStore } from '../session/session-context';
import { AuthLayout } from './auth-layout';

const FIELDS = ['displayName', 'email', 'password'] as const;

export function RegisterScreen() {
  const session = useSessionStore();
  const { busy, errors, onSubmit } = useFormSubmit(
    FIELDS,
    async ({ displayName = '', email = '', password = '' }) => {
      await session.api.call('register', {
        body: { displayName: displayName.trim(), email: email.trim(), password },
      });
      navigate(`${paths.checkEmail}?${new URLSearchParams({ email: email.trim() }).toString()}`);
    },
    (data) => checkRequired(data, FIELDS, ['password']),
  );
  return (
    <AuthLayout title="Create your account">
      <form onSubmit={onSubmit} noValidate className="stack">
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
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create account'}
        </button>
      </form>
      <p className="auth-links">
        <span>
          Already have an account? <Link to={paths.login}>Log in</Link>
        </span>
      </p>
    </AuthLayout>
  );
}
