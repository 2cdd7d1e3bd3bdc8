import { ArrowLeft } from 'lucide-react';
import { Link } from '../routing/link';
import { paths } from '../routing/routes';
import { useSession } from '../session/session-context';
import { ThemeToggle } from '../theme/theme-toggle';
import { ChangePasswordForm } from './change-password-form';
import { ProfileForm } from './profile-form';
import { SessionsPanel } from './sessions-panel';
import { ThemeChoice } from './theme-choice';

/** Account settings: name, password, theme, and where this account is logged in. */
export function AccountScreen() {
  const state = useSession();
  if (state.status !== 'signedIn') return null;
  return (
    <div className="settings-page">
      <header className="settings-header">
        <Link to={paths.home} className="button">
          <ArrowLeft aria-hidden size={16} />
          Back to chat
        </Link>
        <ThemeToggle />
      </header>
      <main className="settings-main" aria-labelledby="settings-title">
        <h1 id="settings-title">Account</h1>
        <p className="muted">Signed in as {state.user.email}</p>
        <ProfileForm user={state.user} />
        <ChangePasswordForm />
        <ThemeChoice />
        <SessionsPanel />
      </main>
    </div>
  );
}
