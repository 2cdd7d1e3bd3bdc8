import { RouterProvider } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { preloadSignedInScreens } from './lazy-screens';
import { keepDeviceData, savedUser } from './offline/saved-session';
import { createAppRouter } from './routing/router';
import { SessionProvider } from './session/session-context';
import { SessionStore } from './session/session-store';
import { AppErrorBoundary } from './ui/error-boundaries';
import { LazyToaster } from './ui/lazy-toaster';

/** The app: one session and one router for the page's life; the session boots from the refresh cookie. */
export function App() {
  const [session] = useState(() => new SessionStore({ savedUser }));
  const [router] = useState(() => createAppRouter());
  useEffect(() => {
    const stop = keepDeviceData(session);
    void session.boot();
    preloadSignedInScreens();
    return stop;
  }, [session]);
  return (
    <AppErrorBoundary>
      <SessionProvider store={session}>
        <RouterProvider router={router} />
        <LazyToaster />
      </SessionProvider>
    </AppErrorBoundary>
  );
}
