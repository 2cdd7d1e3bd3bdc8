import { useSyncExternalStore } from 'react';
import { matchRoute, type Route } from './routes';

/**
 * The browser's location as a store React can subscribe to: `navigate` pushes a history entry and tells
 * subscribers; the back button arrives as `popstate`. No router library — the app has a dozen flat paths.
 */
const listeners = new Set<() => void>();

function notify(): void {
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (listeners.size === 1) window.addEventListener('popstate', notify);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) window.removeEventListener('popstate', notify);
  };
}

const snapshot = () => window.location.pathname + window.location.search;

/** Goes to a path inside the app; `replace` swaps the current history entry (redirects, consumed tokens). */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === snapshot()) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  notify();
}

/** The current route, re-rendering on every navigation. */
export function useRoute(): Route {
  const location = useSyncExternalStore(subscribe, snapshot);
  const queryStart = location.indexOf('?');
  return queryStart < 0
    ? matchRoute(location, '')
    : matchRoute(location.slice(0, queryStart), location.slice(queryStart));
}
