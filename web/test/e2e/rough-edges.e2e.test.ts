import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerVerified } from './support/api-seeder';
import { seriousAxeViolations, seriousAxeViolationsInBothThemes } from './support/axe';
import { ChatDriver, eventually, newPerson, type TestPerson } from './support/chat-driver';
import { launchChromium } from './support/chromium';
import { glyphProblems } from './support/glyph-free-controls';
import { domCspViolations, guardContext, type PageProblems } from './support/page-guards';
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

  describe('the keyboard', () => {
    it('reaches a message’s actions with Tab and shows them while one has focus', async () => {
      const { page, app } = alice;
      await app.openRoom('Team');
      await app.composer().focus();
      // Right before the composer in the tab order: the last button of the newest message's toolbar.
      await page.keyboard.press('Shift+Tab');
      const focused = page.locator(':focus');
      expect(await focused.getAttribute('aria-label')).toBe('Delete');
      const toolbar = app.message('hello from alice').getByRole('toolbar', { name: 'Message actions' });
      await eventually(async () =>
        expect(await toolbar.evaluate((element) => getComputedStyle(element).opacity)).toBe('1'),
      );
      await page.keyboard.press('Shift+Tab');
      expect(await focused.getAttribute('aria-label')).toBe('Edit');
    });
    it('opens the room menu by keyboard, and a dialog chosen there gives focus back to the menu button', async () => {
      const { page, app } = alice;
      await app.openRoom('Team');
      const focusedName = () =>
        page.locator(':focus').evaluate((el) => el.getAttribute('aria-label') ?? el.textContent);
      await page.getByRole('button', { name: 'Room options' }).focus();
      await page.keyboard.press('Enter');
      await eventually(async () => expect(await focusedName()).toBe('Rename room'));
      await page.keyboard.press('Enter');
      const rename = page.getByRole('dialog', { name: 'Rename room' });
      await eventually(async () =>
        expect(await rename.getByLabel('Room name').evaluate((el) => el === document.activeElement)).toBe(
          true,
        ),
      );
      await page.keyboard.press('Escape');
      await eventually(async () => expect(await rename.count()).toBe(0));
      await eventually(async () => expect(await focusedName()).toBe('Room options'));
    });
  });

  describe('the room switcher and toasts, under the CSP', () => {
    let guarded: { page: Page; app: ChatDriver; context: BrowserContext; problems: PageProblems };
    beforeAll(async () => {
      const context = await browser.newContext({ viewport: DESKTOP });
      const problems = await guardContext(context);
      const page = await context.newPage();
      const app = new ChatDriver(page, server.url);
      await app.login(alice.person);
      guarded = { page, app, context, problems };
    });
    afterAll(async () => {
      await guarded?.context.close();
    });

    it('opens with Ctrl+K, finds a room by part of its name, and opens it with Enter', async () => {
      const { page, app } = guarded;
      await app.createRoom('Design reviews');
      await app.openRoom('Team');
      await app.composer().click();
      await page.keyboard.press('Control+k');
      const switcher = page.getByRole('dialog', { name: 'Switch room' });
      const search = switcher.getByRole('combobox');
      await search.waitFor();
      await eventually(async () =>
        expect(await search.evaluate((el) => el === document.activeElement)).toBe(true),
      );
      const options = switcher.getByRole('option');
      expect(await options.allInnerTexts()).toEqual(expect.arrayContaining(['Design reviews', 'Team']));
      expect(await seriousAxeViolationsInBothThemes(page), 'room switcher').toEqual([]);
      await search.pressSequentially('REVIEW');
      await eventually(async () => expect(await options.allInnerTexts()).toEqual(['Design reviews']));
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'Design reviews', level: 1 }).waitFor();
      expect(await switcher.count()).toBe(0);
      // The room opened is ready for typing.
      await eventually(async () =>
        expect(await app.composer().evaluate((el) => el === document.activeElement)).toBe(true),
      );

      // Also from its button, and Escape closes it without going anywhere.
      await page.getByRole('button', { name: 'Switch room (Ctrl+K)' }).click();
      await search.pressSequentially('no such room');
      await switcher.getByText('No room by that name.').waitFor();
      await page.keyboard.press('Escape');
      await eventually(async () => expect(await switcher.count()).toBe(0));
      await page.getByRole('heading', { name: 'Design reviews', level: 1 }).waitFor();
      await eventually(async () =>
        expect(await page.locator(':focus').getAttribute('aria-label')).toBe('Switch room (Ctrl+K)'),
      );
    });

    it('says in a toast that my name is saved, and the toast passes axe', async () => {
      const { page } = guarded;
      await page.goto(`${server.url}/settings`);
      await page.getByLabel('Your name').fill('Alice');
      await page.getByRole('button', { name: 'Save name' }).click();
      const toast = page.getByRole('region', { name: /^Notifications/ }).getByText('Your name is saved.');
      await toast.waitFor();
      expect(await seriousAxeViolationsInBothThemes(page), 'settings with a toast').toEqual([]);
      expect(await glyphProblems(page), 'settings with a toast').toEqual([]);
    });

    it('ran without a CSP violation or an uncaught error', async () => {
      const { page, problems } = guarded;
      expect(problems.csp).toEqual([]);
      expect(await domCspViolations(page)).toEqual([]);
      expect(problems.errors).toEqual([]);
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
      await menu.getByRole('menuitem', { name: 'Log out' }).click();
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
      const failures = await visitSignedOutPages(page, server.url);
      expect(failures).toEqual([]);
      await page.getByRole('link', { name: 'Open the dev mailbox' }).waitFor();

      // The marker is what lets a signed-in person's reload restore the session.
      const app = new ChatDriver(page, server.url);
      await app.login(carol);
      await page.reload();
      await app.roomsLoaded();
      expect(failures).toEqual([]);
      await context.close();
    });

    it('asks a production server (no dev mailbox) without a failing request, and offers no mailbox', async () => {
      const production = await startStandalone({ DEV_MAILBOX: 'false' });
      const context = await browser.newContext({ viewport: DESKTOP });
      try {
        const page = await context.newPage();
        expect(await visitSignedOutPages(page, production.url)).toEqual([]);
        await expect(page.getByRole('link', { name: 'Open the dev mailbox' }).count()).resolves.toBe(0);
      } finally {
        await context.close();
        await production.stop();
      }
    });
  });
});

/**
 * Opens the signed-out pages as a first-time visitor would; what failed on the way: console errors,
 * answers of 400 and above, requests that never got one. The page stays on the register screen.
 */
async function visitSignedOutPages(page: Page, baseUrl: string): Promise<string[]> {
  const failures: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') failures.push(`console: ${message.text()}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) failures.push(`${response.status()} ${response.url()}`);
  });
  page.on('requestfailed', (request) => failures.push(`failed ${request.url()}`));
  for (const path of ['/', '/login', '/register']) {
    await page.goto(`${baseUrl}${path}`);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await page.waitForLoadState('networkidle');
  }
  await page.getByRole('button', { name: 'Create account' }).waitFor();
  return failures;
}
