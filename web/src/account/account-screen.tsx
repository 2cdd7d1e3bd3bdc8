import { ArrowLeft } from 'lucide-react';
import { Button } from '../components/ui/button';
import { Link } from '@tanstack/react-router';
import { useSession } from '../session/session-context';
import { ThemeToggle } from '../theme/theme-toggle';
import { CardPage } from '../ui/card-page';
import { ChangePasswordForm } from './change-password-form';
import { ProfileForm } from './profile-form';
import { SessionsPanel } from './sessions-panel';
import { ThemeChoice } from './theme-choice';

/** Account settings: name, password, theme, and where this account is logged in. */
export function AccountScreen() {
  const state = useSession();
  if (state.status !== 'signedIn') return null;
  return (
    <CardPage
      title="Account"
      width="wide"
      controls={
        <>
          <Button asChild variant="outline">
            <Link to="/">
              <ArrowLeft aria-hidden />
              Back to chat
            </Link>
          </Button>
          <ThemeToggle />
        </>
      }
    >
      <p className="text-muted-foreground">Signed in as {state.user.email}</p>
      <ProfileForm user={state.user} />
      <ChangePasswordForm />
      <ThemeChoice />
      <SessionsPanel />
    </CardPage>
  );
}
