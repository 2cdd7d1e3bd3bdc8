import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { registerVerified } from './support/api-seeder';
import { ChatDriver, eventually, newPerson, type TestPerson } from './support/chat-driver';
import { launchChromium } from './support/chromium';
import { screenshotFailure } from './support/screenshots';
import { startStandalone, type RunningStandalone } from './support/standalone-server';

const DESKTOP = { width: 1280, height: 800 };
/** The second browser says it is Firefox on Windows, so the list names the two devices apart. */
const FIREFOX_ON_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';

/**
 * ASVS 7.5.2 in the web app: Settings → Sessions lists where the account is signed in, and "End" on
 * another device signs that device out — its open tab is disconnected and lands on the login screen.
 */
describe('account sessions', () => {
  let server: RunningStandalone;
  let browser: Browser;
  let bob: TestPerson;
  const contexts: BrowserContext[] = [];
  const drivers: ChatDriver[] = [];

  const signIn = async (userAgent?: string) => {
    const context = await browser.newContext({ viewport: DESKTOP, ...(userAgent ? { userAgent } : {}) });
    contexts.push(context);
    const driver = new ChatDriver(await context.newPage(), server.url);
    drivers.push(driver);
    await driver.login(bob);
    return driver;
  };

  beforeAll(async () => {
    server = await startStandalone();
    browser = await launchChromium();
    bob = newPerson('Bob');
    await registerVerified(server.url, bob);
  });
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') {
      for (const [index, driver] of drivers.entries()) {
        await screenshotFailure(driver.page, `sessions-${index}-${context.task.name}`);
      }
    }
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  it('lists both devices, ends the other one, and the other is signed out', async () => {
    const laptop = await signIn();
    const other = await signIn(FIREFOX_ON_WINDOWS);

    await laptop.page.goto(`${server.url}/settings`);
    const devices = laptop.page.getByRole('list', { name: 'Signed-in devices' });
    const thisDevice = devices.getByRole('listitem', { name: 'Chrome on Linux' });
    const otherDevice = devices.getByRole('listitem', { name: 'Firefox on Windows' });
    await otherDevice.waitFor();
    await expect(devices.getByRole('listitem').count()).resolves.toBe(2);
    await thisDevice.getByText('This device').waitFor();
    // This device has no "End": it logs out with the buttons below, which stay.
    await expect(thisDevice.getByRole('button', { name: 'End' }).count()).resolves.toBe(0);
    await laptop.page.getByRole('button', { name: 'Log out', exact: true }).waitFor();
    await laptop.page.getByRole('button', { name: 'Log out everywhere' }).waitFor();

    await otherDevice.getByRole('button', { name: 'End' }).click();
    await laptop.page.getByText('Firefox on Windows is logged out.').waitFor();
    await eventually(async () => expect(await devices.getByRole('listitem').count()).toBe(1));

    // The other tab's socket is closed by the API and its session refused: it shows the login screen,
    // and a reload does not bring the session back.
    await other.page.getByRole('heading', { name: 'Log in to LiveChat' }).waitFor({ timeout: 20_000 });
    await other.page.reload();
    await other.page.getByRole('heading', { name: 'Log in to LiveChat' }).waitFor();

    // This device is untouched.
    await laptop.page.goto(`${server.url}/`);
    await laptop.roomsLoaded();
  });
});
