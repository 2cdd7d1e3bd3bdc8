import type { VitePWAOptions } from 'vite-plugin-pwa';

/**
 * The installable, offline app shell (vite-plugin-pwa, Workbox's generateSW). The service worker
 * precaches the built static files only — HTML, JS, CSS, icons, the manifest — and answers every
 * navigation with the precached index.html, so the app opens with no network. It caches nothing at run
 * time: /api and /socket.io answers (tokens, personal data) always go to the network, never into a cache;
 * the chat this device keeps offline is in IndexedDB (src/offline), per user, wiped on logout.
 */
export const pwaOptions: Partial<VitePWAOptions> = {
  strategies: 'generateSW',
  registerType: 'autoUpdate',
  // Registered from a module (src/offline/register-service-worker.ts): the plugin's inline script breaks the CSP.
  injectRegister: false,
  // The icons and the manifest are precached by globPatterns below and by the plugin: listed once.
  includeManifestIcons: false,
  manifest: {
    id: '/',
    name: 'LiveChat',
    short_name: 'LiveChat',
    description: 'Realtime rooms for your team',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    background_color: '#ffffff',
    theme_color: '#4f46e5',
    icons: [
      { src: '/icons/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
      { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  },
  workbox: {
    globPatterns: ['**/*.{html,js,css,svg,png}'],
    navigateFallback: 'index.html',
    // Not the app: the API (and its docs page), the socket, the operational endpoints.
    navigateFallbackDenylist: [/^\/api(\/|$)/, /^\/socket\.io(\/|$)/, /^\/(healthz|readyz|metrics)$/],
    runtimeCaching: [],
    cleanupOutdatedCaches: true,
    clientsClaim: true,
    skipWaiting: true,
  },
};
