import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';

/** Where the run saves its screenshots (committed ones illustrate the README). */
export const SCREENSHOT_DIR = resolve(import.meta.dirname, '../../screenshots');

/**
 * Saves the page in the light and the dark theme (the app follows `prefers-color-scheme` until the person
 * picks one), as `<prefix>-<name>-light.png` and `-dark.png`. Leaves the page in the light theme.
 */
export async function screenshotBothThemes(page: Page, prefix: string, name: string): Promise<string[]> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const files: string[] = [];
  for (const scheme of ['dark', 'light'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    // Let transitions settle (none are long) before the capture.
    await page.waitForTimeout(150);
    const file = join(SCREENSHOT_DIR, `${prefix}-${name}-${scheme}.png`);
    await page.screenshot({ path: file });
    files.push(file);
  }
  return files;
}

/** The page as it was when a step failed, named after the step; never fails itself. */
export async function screenshotFailure(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = join(SCREENSHOT_DIR, `failed-${name.replace(/[^A-Za-z0-9-]+/g, '-').slice(0, 120)}.png`);
  await page.screenshot({ path: file }).catch(() => undefined);
}
