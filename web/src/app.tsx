import { useEffect, useState } from 'react';
import { AccountScreen } from './account/account-screen';
import { CheckEmailScreen } from './auth/check-email-screen';
import { DevMailboxScreen } from './auth/dev-mailbox-screen';
import { ForgotPasswordScreen } from './auth/forgot-password-screen';
import { LoginScreen } from './auth/login-screen';
import { RegisterScreen } from './auth/register-screen';
import { ResetPasswordScreen } from './auth/reset-password-screen';
import { VerifyEmailScreen } from './auth/verify-email-screen';
import { VerifyPendingScreen } from './auth/verify-pending-screen';
import { ChatScreen } from './chat/chat-screen';
import { navigate, useRoute } from './routing/location-store';
import { paths, PUBLIC_ROUTES, type Route } from './routing/routes';
import { SessionProvider, useSession } from './session/session-context';
import { SessionStore } from './session/session-store';

/** The app: one session for the page's life, booted from the refresh cookie before anything is shown. */
export function App() {
  const [session] = useState(() => new SessionStore());
  useEffect(() => {
    void session.boot();
  }, [session]);
  return (
    <SessionProvider store={session}>
      <Screens />
    </SessionProvider>
  );
}

function Screens() {
  const route = useRoute();
  const session = useSession();
  const signedIn = session.status === 'signedIn';
  const verified = signedIn && session.user.emailVerified;
  const isPublic = PUBLIC_ROUTES.has(route.name);

  // Redirects happen after render so history stays consistent with what is on screen.
  const redirect = (() => {
    if (session.status === 'booting') return null;
    if (!signedIn && !isPublic) return paths.login;
    if (signedIn && (route.name === 'login' || route.name === 'register')) return paths.home;
    if (route.name === 'notFound') return paths.home;
    return null;
  })();
  useEffect(() => {
    if (redirect) navigate(redirect, { replace: true });
  }, [redirect]);

  if (session.status === 'booting' && !isPublic) {
    return (
      <div className="splash" role="status">
        <img className="brand-mark" src="/favicon.svg" alt="" width={24} height={24} />
        Loading LiveChat…
      </div>
    );
  }
  if (redirect) return null;
  if (isPublic) return <PublicScreen route={route} />;
  if (!signedIn) return null;
  if (route.name === 'settings') return <AccountScreen />;
  if (!verified) return <VerifyPendingScreen user={session.user} />;
  return <ChatScreen roomId={route.name === 'room' ? route.roomId : null} user={session.user} />;
}

function PublicScreen({ route }: { route: Route }) {
  switch (route.name) {
    case 'register':
      return <RegisterScreen />;
    case 'checkEmail':
      return <CheckEmailScreen email={route.email} />;
    case 'verifyEmail':
      return <VerifyEmailScreen token={route.token} />;
    case 'forgotPassword':
      return <ForgotPasswordScreen />;
    case 'resetPassword':
      return <ResetPasswordScreen token={route.token} />;
    case 'mailbox':
      return <DevMailboxScreen to={route.to} />;
    default:
      return <LoginScreen />;
  }
}
