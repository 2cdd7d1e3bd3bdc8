import { Navigate, Outlet, useMatches } from '@tanstack/react-router';
import { Suspense } from 'react';
import { useSession } from '../session/session-context';
import { Splash } from '../ui/splash';
import { needsSignIn, type RouteAccess } from './route-access';

/**
 * The root of every screen: applies the access its route declares, against the live session. This is a
 * component rather than a `beforeLoad` redirect because the session changes without navigating (boot
 * finishing, logout, a revoked session), and what is on screen must follow it at once. Redirects are
 * `<Navigate replace>`, done after render, so history stays consistent with what is shown.
 */
export function ScreenGate() {
  const session = useSession();
  const access = useMatches({
    select: (matches): RouteAccess =>
      matches.findLast((m) => m.staticData.access)?.staticData.access ?? 'public',
  });
  if (session.status === 'booting' && needsSignIn(access)) return <Splash />;
  if (session.status === 'signedOut' && needsSignIn(access)) return <Navigate to="/login" replace />;
  if (session.status === 'signedIn' && access === 'signedOut') return <Navigate to="/" replace />;
  return (
    <Suspense fallback={<Splash />}>
      <Outlet />
    </Suspense>
  );
}
