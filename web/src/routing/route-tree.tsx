import { createRootRoute, createRoute, Navigate, useParams } from '@tanstack/react-router';
import { CheckEmailScreen } from '../auth/check-email-screen';
import { DevMailboxScreen } from '../auth/dev-mailbox-screen';
import { ForgotPasswordScreen } from '../auth/forgot-password-screen';
import { LoginScreen } from '../auth/login-screen';
import { RegisterScreen } from '../auth/register-screen';
import { ResetPasswordScreen } from '../auth/reset-password-screen';
import { VerifyEmailScreen } from '../auth/verify-email-screen';
import { VerifyPendingScreen } from '../auth/verify-pending-screen';
import { AccountScreen, ChatScreen } from '../lazy-screens';
import { useSession } from '../session/session-context';
import { ScreenGate } from './screen-gate';
import { optionalText } from './search-params';

/*
 * Every screen of the app and the URL that shows it, as TanStack Router code-based routes: links and
 * navigations are type-checked against this tree (`to`, `params`, `search`), so a path is spelled once.
 * Mail links land on /verify-email?token= and /reset-password?token=; unknown paths go home.
 */
const rootRoute = createRootRoute({ component: ScreenGate });

const signedOut = { access: 'signedOut' } as const;
const open = { access: 'public' } as const;

const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/login',
  staticData: signedOut,
  component: LoginScreen,
});

const registerRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/register',
  staticData: signedOut,
  component: RegisterScreen,
});

const checkEmailRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/check-email',
  staticData: open,
  validateSearch: optionalText('email'),
  component: function CheckEmailRoute() {
    return <CheckEmailScreen email={checkEmailRoute.useSearch().email ?? ''} />;
  },
});

const verifyEmailRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/verify-email',
  staticData: open,
  validateSearch: optionalText('token'),
  component: function VerifyEmailRoute() {
    return <VerifyEmailScreen token={verifyEmailRoute.useSearch().token ?? ''} />;
  },
});

const forgotPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/forgot-password',
  staticData: open,
  component: ForgotPasswordScreen,
});

const resetPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/reset-password',
  staticData: open,
  validateSearch: optionalText('token'),
  component: function ResetPasswordRoute() {
    return <ResetPasswordScreen token={resetPasswordRoute.useSearch().token ?? ''} />;
  },
});

const mailboxRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/dev/mailbox',
  staticData: open,
  validateSearch: optionalText('to'),
  component: function MailboxRoute() {
    return <DevMailboxScreen to={mailboxRoute.useSearch().to ?? ''} />;
  },
});

const settingsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/settings',
  staticData: { access: 'signedIn' },
  component: AccountScreen,
});

/**
 * "/" and "/rooms/$roomId" share one layout route, so going from the room list to a room (or between rooms)
 * keeps the one ChatScreen — and its socket — mounted; only the room it shows changes.
 */
const chatRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'chat',
  staticData: { access: 'verified' },
  component: function ChatRoute() {
    const session = useSession();
    const roomId = useParams({ strict: false }).roomId ?? null;
    if (session.status !== 'signedIn') return null;
    if (!session.user.emailVerified) return <VerifyPendingScreen user={session.user} />;
    return <ChatScreen roomId={roomId} user={session.user} />;
  },
});

const homeRoute = createRoute({ getParentRoute: () => chatRoute, path: '/' });

const roomRoute = createRoute({ getParentRoute: () => chatRoute, path: '/rooms/$roomId' });

/** Any other path, "/rooms/a/b" included (a splat matches it whole, where "/rooms/$roomId" would only in part). */
const unknownRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '$',
  staticData: open,
  component: () => <Navigate to="/" replace />,
});

export const routeTree = rootRoute.addChildren([
  loginRoute,
  registerRoute,
  checkEmailRoute,
  verifyEmailRoute,
  forgotPasswordRoute,
  resetPasswordRoute,
  mailboxRoute,
  settingsRoute,
  chatRoute.addChildren([homeRoute, roomRoute]),
  unknownRoute,
]);
