import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerVerified } from './support/api-seeder';
import { seriousAxeViolations } from './support/axe';
import { ChatDriver, newPerson, type TestPerson } from './support/chat-driver';
import { launchChromium } from './support/chromium';
import { glyphProblems } from './support/glyph-free-controls';
import { startStandalone, type RunningStandalone } from './support/standalone-server';

const DESKTOP = { width: 1280, height: 800 };

interface Person {
  person: TestPerson;
  context: BrowserContext;
  page: Page;
  app: ChatDriver;
}

/** Issue 8, "rough edges seen": what a newcomer stumbled on, each checked where a person sees it. */
describe('rough edges', () => {
  let server: RunningStandalone;
  let browser: Browser;
  let alice: Person;
  let bob: Person;
  const carol = newPerson('Carol');

  const signIn = async (person: TestPerson): Promise<Person> => {
    const context = await browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    const app = new ChatDriver(page, server.url);
    await app.login(person);
    return { person, context, page, app };
  };

  beforeAll(async () => {
    server = await startStandalone();
    browser = await launchChromium();
    const people = [newPerson('Alice'), newPerson('Bob')];
    for (const person of [...people, carol]) await registerVerified(server.url, person);
    alice = await signIn(people[0]!);
    bob = await signIn(people[1]!);
    await alice.app.createRoom('Team', ['Bob']);
    await alice.app.send('hello from alice');
    await alice.app.waitForMessage('hello from alice');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  describe('icons', () => {
    it('draws every icon as a hidden SVG and names every icon-only control, on every main screen', async () => {
      const { page, app } = alice;
      await app.openRoom('Team');
      const panel = await app.membersPanel();
      await panel.getByRole('listitem').filter({ hasText: 'Bob' }).waitFor();
      // Icon-only buttons that must be on the page for the check to mean something (the message's
      // toolbar is in the DOM, shown on hover or focus).
      const attached = { state: 'attached' } as const;
      await panel.getByRole('button', { name: 'Remove Bob from the room' }).waitFor(attached);
      const message = app.message('hello from alice');
      for (const name of ['Reply', 'Edit', 'Delete']) {
        await message.getByRole('button', { name, includeHidden: true }).waitFor(attached);
      }
      expect(await glyphProblems(page), 'chat and members').toEqual([]);

      await page.getByRole('button', { name: 'New room' }).click();
      const dialog = page.getByRole('dialog', { name: 'Create a room' });
      await dialog.getByLabel('Add people').fill('Carol');
      await dialog.getByRole('button', { name: /^Carol\s+Add$/ }).click();
      await dialog.getByRole('button', { name: 'Remove Carol' }).waitFor();
      expect(await glyphProblems(page), 'create-room dialog').toEqual([]);
      await dialog.getByRole('button', { name: 'Close' }).click();

      await page.goto(`${server.url}/settings`);
      await page.getByRole('heading', { name: 'Account' }).waitFor();
      expect(await glyphProblems(page), 'settings').toEqual([]);
      await page.getByRole('link', { name: 'Back to chat' }).click();
      await app.roomsLoaded();
    });
  });

  describe('presence while cut off from the server', () => {
    it('greys every presence dot as unknown while offline, and shows real presence once back', async () => {
      const { page, app, context } = bob;
      await app.openRoom('Team');
      const panel = await app.membersPanel();
      const aliceRow = panel.getByRole('listitem').filter({ hasText: 'Alice' });
      await aliceRow.getByText(', online').waitFor();
      const dots = page.locator('.presence-dot');
      expect(await page.locator('.presence-dot.online').count()).toBeGreaterThan(0);

      await context.setOffline(true);
      await page.getByTestId('connection-banner').getByText('Connection lost').waitFor({ timeout: 30_000 });
      await aliceRow.getByText(', presence unknown').waitFor();
      const classes = await dots.evaluateAll((all: Element[]) => all.map((dot) => dot.className));
      expect(classes.length).toBeGreaterThan(0);
      expect(classes.filter((name) => !/\bunknown\b/.test(name))).toEqual([]);

      await context.setOffline(false);
      await page.getByTestId('connection-banner').getByText('Back online').waitFor({ timeout: 30_000 });
      await aliceRow.getByText(', online').waitFor();
      expect(await page.locator('.presence-dot.unknown').count()).toBe(0);
      expect(await page.locator('.presence-dot.online').count()).toBeGreaterThan(0);
    });
  });

  describe('log out from the user menu', () => {
    it('logs out from the menu under my name, and a reload stays logged out', async () => {
      const someone = await signIn(carol);
      const menu = await someone.app.openUserMenu();
      expect(await glyphProblems(someone.page)).toEqual([]);
      expect(await seriousAxeViolations(someone.page)).toEqual([]);
      await menu.getByRole('button', { name: 'Log out' }).click();
      await someone.page.getByRole('button', { name: 'Log in' }).waitFor();
      expect(new URL(someone.page.url()).pathname).toBe('/login');
      await someone.page.reload();
      await someone.page.getByRole('button', { name: 'Log in' }).waitFor();
      await someone.page.goto(server.url);
      await someone.page.getByRole('button', { name: 'Log in' }).waitFor();
      expect(new URL(someone.page.url()).pathname).toBe('/login');
      expect(await someone.page.getByRole('navigation', { name: 'Rooms' }).count()).toBe(0);
      await someone.context.close();
    });
  });

  describe('a visitor who never signed in', () => {
    it('loads the app without a failing request or a console error, and a signed-in reload still restores the session', async () => {
      const context = await browser.newContext({ viewport: DESKTOP });
      const page = await context.newPage();
      const failures: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') failures.push(`console: ${message.text()}`);
      });
      page.on('response', (response) => {
        if (response.status() >= 400) failures.push(`${response.status()} ${response.url()}`);
      });
      page.on('requestfailed', (request) => failures.push(`failed ${request.url()}`));
      for (const path of ['/', '/login', '/register']) {
        await page.goto(`${server.url}${path}`);
        await page.getByRole('heading', { level: 1 }).first().waitFor();
        await page.waitForLoadState('networkidle');
      }
      await page.getByRole('button', { name: 'Create account' }).waitFor();
      expect(failures).toEqual([]);

      // The marker is what lets a signed-in person's reload restore the session.
      const app = new ChatDriver(page, server.url);
      await app.login(carol);
      await page.reload();
      await app.roomsLoaded();
      expect(failures).toEqual([]);
      await context.close();
    });
  });
});
