import type { ReactNode } from 'react';
import { ErrorBoundary } from 'react-error-boundary';
import { ErrorPanel } from './error-panel';

/*
 * Where a render error stops. The router already catches each screen's errors (its `errorComponent` is
 * `ScreenErrorPanel`); these boundaries cover what lies outside it — the whole app, providers included —
 * and each open room, so a message that fails to render leaves the sidebar and the rest of the chat
 * working. React logs the error itself.
 */
export function AppErrorBoundary({ children }: { children: ReactNode }) {
  return <ErrorBoundary fallback={<ScreenErrorPanel />}>{children}</ErrorBoundary>;
}

export function RoomErrorBoundary({ children }: { children: ReactNode }) {
  return <ErrorBoundary fallback={<ErrorPanel scope="room" />}>{children}</ErrorBoundary>;
}

/** The panel for a whole screen, in a landmark of its own like every screen. */
export function ScreenErrorPanel() {
  return (
    <main className="flex h-full flex-col">
      <ErrorPanel scope="screen" />
    </main>
  );
}
