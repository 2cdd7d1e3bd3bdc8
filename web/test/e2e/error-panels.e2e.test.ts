import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerVerified, seedMessages, signedInApi } from './support/api-seeder';
import { seriousAxeViolations } from './support/axe';
import { ChatDriver, newPerson, type TestPerson } from './support/chat-driver';
import { launchChromium } from './support/chromium';
import { startStandalone, type RunningStandalone } from './support/standalone-server';

/**
 * A render error shows "Something went wrong" with Reload and Go back, never a blank page. The errors are
 * real ones: the browser receives answers the app cannot render (a message without a body, a user without a
 * name), as a server bug would send them; nothing in the app is there for the test.
 */
describe('error panels', () => {
  let server: RunningStandalone;
  let browser: Browser;
  let alice: TestPerson;
  let brokenRoomId = '';

  beforeAll(async () => {
    server = await startStandalone();
    browser = await launchChromium();
    alice = newPerson('Alice');
    await registerVerified(server.url, alice);
    const api = await signedInApi(server.url, alice);
    const broken = await api.call('createRoom', { body: { name: 'Broken', memberIds: [] } });
    brokenRoomId = broken.id;
    await seedMessages(api, broken.id, 3, (i) => `broken ${i}`);
    // Created last, so it is the room a wide screen opens first.
    const fine = await api.call('createRoom', { body: { name: 'Fine', memberIds: [] } });
    await seedMessages(api, fine.id, 3, (i) => `fine ${i}`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const panel = (page: Page) => page.getByRole('alert').filter({ hasText: 'Something went wrong' });

  it('shows the panel in place of a room that cannot render, and the rest of the chat keeps working', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.route(`**/api/rooms/${brokenRoomId}/messages**`, async (route) => {
      const response = await route.fetch();
      const history = (await response.json()) as { messages: { body: unknown }[] };
      for (const message of history.messages) message.body = null;
      await route.fulfill({ response, json: history });
    });
    const app = new ChatDriver(page, server.url);
    await app.login(alice);
    await app.openRoom('Broken');
    await panel(page).getByText('This room could not be shown.').waitFor();
    expect(await panel(page).getByRole('button', { name: 'Reload' }).isVisible()).toBe(true);
    expect(await seriousAxeViolations(page)).toEqual([]);

    // Another room opens as usual: the panel stood for the broken room only.
    await app.openRoom('Fine');
    await app.waitForMessage('fine 2');
    expect(await panel(page).count()).toBe(0);

    // Go back returns to the previous screen: the broken room, whose panel shows again.
    await page.goBack();
    await panel(page).waitFor();
    await panel(page).getByRole('button', { name: 'Go back' }).click();
    await page.getByRole('heading', { name: 'Fine', level: 1 }).waitFor();
    await page.close();
  });

  it('shows the panel in place of a whole screen that cannot render', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.route('**/api/auth/login', async (route) => {
      const response = await route.fetch();
      const session = (await response.json()) as { user: { displayName: unknown } };
      session.user.displayName = null;
      await route.fulfill({ response, json: session });
    });
    await page.goto(`${server.url}/login`);
    await page.getByLabel('Email').fill(alice.email);
    await page.getByLabel('Password').fill(alice.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await panel(page).getByText('This screen could not be shown.').waitFor();
    expect(await page.getByRole('main').count()).toBe(1);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.close();
  });
});
