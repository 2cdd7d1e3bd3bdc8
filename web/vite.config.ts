import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { sonnerWithoutStyleTag } from './vite-plugins/sonner-without-style-tag';
import { VitePWA } from 'vite-plugin-pwa';
import { pwaOptions } from './pwa-options.ts';

/** Where `vite dev` forwards API and socket traffic: a standalone server on its default port. */
const backend = process.env.LIVECHAT_BACKEND ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [react(), tailwindcss(), sonnerWithoutStyleTag(), VitePWA(pwaOptions)],
  // Pre-bundled dependencies skip plugin transforms: sonner stays out so dev, too, adds no <style> of its own.
  optimizeDeps: { exclude: ['sonner'] },
  build: {
    outDir: 'dist',
    // The polyfill is an inline-free chunk of code every modern browser does not need; the CSP stays strict either way.
    modulePreload: { polyfill: false },
    target: 'es2022',
    // A source map is the whole source: production builds ship none. WEB_SOURCE_MAPS=true makes them for
    // debugging a build locally (`vite preview`); the servers never serve *.map files either way.
    sourcemap: process.env.WEB_SOURCE_MAPS === 'true',
  },
  server: {
    proxy: {
      '/api': { target: backend, changeOrigin: false },
      '/socket.io': { target: backend, ws: true },
    },
  },
});
