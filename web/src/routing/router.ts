import { createRouter, type RouterHistory } from '@tanstack/react-router';
import { ScreenErrorPanel } from '../ui/error-boundaries';
import { routeTree } from './route-tree';
import { parseSearch, stringifySearch } from './search-params';

/** The app's router over a history: the browser's by default, a memory history in tests. */
export function createAppRouter(history?: RouterHistory) {
  return createRouter({
    routeTree,
    history,
    parseSearch,
    stringifySearch,
    // A render error in any screen shows the panel in its place, not a blank page.
    defaultErrorComponent: ScreenErrorPanel,
    // No route loads data (the session and chat stores do): a navigation has nothing to wait for, so it
    // never holds a pending state on screen, least of all for the default minimum of half a second.
    defaultPendingMs: 0,
    defaultPendingMinMs: 0,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
