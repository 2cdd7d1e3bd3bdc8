/**
 * Every screen of the app and the path that shows it. Links and redirects use `paths`, the app reads the
 * current screen with `matchRoute` — one table, so a path is spelled once.
 */
export const paths = {
  home: '/',
  login: '/login',
  register: '/register',
  checkEmail: '/check-email',
  verifyEmail: '/verify-email',
  forgotPassword: '/forgot-password',
  resetPassword: '/reset-password',
  mailbox: '/dev/mailbox',
  settings: '/settings',
  room: (roomId: string) => `/rooms/${encodeURIComponent(roomId)}`,
} as const;

export type Route =
  | { name: 'home' }
  | { name: 'login' }
  | { name: 'register' }
  | { name: 'checkEmail'; email: string }
  | { name: 'verifyEmail'; token: string }
  | { name: 'forgotPassword' }
  | { name: 'resetPassword'; token: string }
  | { name: 'mailbox'; to: string }
  | { name: 'settings' }
  | { name: 'room'; roomId: string }
  | { name: 'notFound' };

const simple = {
  [paths.home]: 'home',
  [paths.login]: 'login',
  [paths.register]: 'register',
  [paths.forgotPassword]: 'forgotPassword',
  [paths.settings]: 'settings',
} as const;

/** Reads a location (path and query string) into a route; unknown paths are `notFound`. */
export function matchRoute(pathname: string, search: string): Route {
  const query = new URLSearchParams(search);
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  if (path in simple) return { name: simple[path as keyof typeof simple] };
  if (path === paths.checkEmail) return { name: 'checkEmail', email: query.get('email') ?? '' };
  if (path === paths.verifyEmail) return { name: 'verifyEmail', token: query.get('token') ?? '' };
  if (path === paths.mailbox) return { name: 'mailbox', to: query.get('to') ?? '' };
  if (path === paths.resetPassword) return { name: 'resetPassword', token: query.get('token') ?? '' };
  const room = /^\/rooms\/([^/]+)$/.exec(path);
  if (room?.[1]) return { name: 'room', roomId: decodeURIComponent(room[1]) };
  return { name: 'notFound' };
}

/** Screens a signed-out person may see; every other screen asks them to log in first. */
export const PUBLIC_ROUTES: ReadonlySet<Route['name']> = new Set([
  'login',
  'register',
  'checkEmail',
  'verifyEmail',
  'forgotPassword',
  'resetPassword',
  'mailbox',
]);
