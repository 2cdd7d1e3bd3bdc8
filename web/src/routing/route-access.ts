/**
 * Who may see a screen, declared on its route (`staticData.access`) and enforced by `ScreenGate`:
 * - `public`: anyone (mail links, the dev mailbox);
 * - `signedOut`: anyone, but a signed-in person is sent home (log in, register);
 * - `signedIn`: a signed-in person, verified or not (account settings);
 * - `verified`: the chat, which an unverified person sees as "verify your email" instead.
 */
export type RouteAccess = 'public' | 'signedOut' | 'signedIn' | 'verified';

export const needsSignIn = (access: RouteAccess) => access === 'signedIn' || access === 'verified';

declare module '@tanstack/react-router' {
  interface StaticDataRouteOption {
    access?: RouteAccess;
  }
}
