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

export function useThemePreference(): ThemePreference {
  return useSyncExternalStore((listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }, read);
}

/** The theme on screen, following the system's changes while the preference is `system`. */
export function useEffectiveTheme(): 'light' | 'dark' {
  const preference = useThemePreference();
  const systemDark = useSyncExternalStore(
    (listener) => {
      const query = window.matchMedia('(prefers-color-scheme: dark)');
      query.addEventListener('change', listener);
      return () => query.removeEventListener('change', listener);
    },
    () => window.matchMedia('(prefers-color-scheme: dark)').matches,
  );
  if (preference !== 'system') return preference;
  return systemDark ? 'dark' : 'light';
}
