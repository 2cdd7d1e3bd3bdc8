import { useSyncExternalStore } from 'react';

/** The person's choice: follow the system (`prefers-color-scheme`), or force light or dark. */
export type ThemePreference = 'system' | 'light' | 'dark';

const STORAGE_KEY = 'livechat.theme';
const listeners = new Set<() => void>();

function read(): ThemePreference {
  const stored = window.localStorage.getItem(STORAGE_KEY);
  return stored === 'light' || stored === 'dark' ? stored : 'system';
}

/**
 * Writes the preference to `<html data-theme>`; the stylesheet turns it into `color-scheme`, and every
 * colour is a `light-dark()` pair, so nothing else changes and no inline style is needed (strict CSP).
 */
export function applyThemePreference(preference: ThemePreference = read()): void {
  if (preference === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = preference;
}

export function setThemePreference(preference: ThemePreference): void {
  if (preference === 'system') window.localStorage.removeItem(STORAGE_KEY);
  else window.localStorage.setItem(STORAGE_KEY, preference);
  applyThemePreference(preference);
  for (const listener of listeners) listener();
}

/** What the screen shows right now, resolving `system` through the media query. */
export function effectiveTheme(preference: ThemePreference): 'light' | 'dark' {
  if (preference !== 'system') return preference;
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export function useThemePreference(): ThemePreference {
  return useSyncExternalStore((listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }, read);
}
