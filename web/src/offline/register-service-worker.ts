/// <reference types="vite-plugin-pwa/client" />

/**
 * Installs the service worker that keeps the app shell for offline use (built by vite-plugin-pwa from
 * pwa-options.ts). Loaded after the first render as a chunk of its own, so workbox-window is not in the
 * initial JS; a module, not the plugin's inline script, which the CSP forbids. A new build's worker takes
 * over at once and the page reloads into it (old pages would ask for hashed files the server no longer has);
 * messages typed meanwhile are in the outbox, so a reload loses none.
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  void import('virtual:pwa-register').then(({ registerSW }) => registerSW({ immediate: true }));
}
