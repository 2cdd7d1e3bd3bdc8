import type { Page } from 'playwright-core';

/**
 * Makes the page believe its tab is hidden or shown and its window focused or not, as switching tabs or
 * windows would, and tells the app (`visibilitychange`, `focus`/`blur`). Headless Chromium keeps every page
 * visible and focused, so only an override can show what a background tab does.
 */
export async function setAttention(page: Page, attention: { visible: boolean; focused: boolean }) {
  await page.evaluate(({ visible, focused }) => {
    Object.defineProperty(document, 'visibilityState', {
      configurable: true,
      get: () => (visible ? 'visible' : 'hidden'),
    });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => !visible });
    document.hasFocus = () => focused;
    document.dispatchEvent(new Event('visibilitychange'));
    window.dispatchEvent(new Event(focused ? 'focus' : 'blur'));
  }, attention);
}
