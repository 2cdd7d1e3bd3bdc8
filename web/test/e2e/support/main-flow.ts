import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seriousAxeViolationsInBothThemes } from './axe';
import { ChatDriver, eventually, newPerson, type TestPerson } from './chat-driver';
import { launchChromium } from './chromium';
import { domCspViolations, guardContext, type PageProblems } from './page-guards';
import { readAndDeleteSteps } from './read-and-delete-steps';
import { screenshotBothThemes, screenshotFailure } from './screenshots';

/** A running LiveChat the flow drives: standalone, or a cluster behind nginx. */
export interface ChatTarget {
  url: string;
  stop(): Promise<void>;
  /**
   * Which server process holds this page's socket, when there are several (cluster): called right after
   * the page connected, in the order the people connect.
   */
  socketReplica?(): Promise<string>;
}

/** Figures the run measures and prints (never asserted: they depend on the machine). */
export const figures: Record<string, string | number> = {};

const DESKTOP = { width: 1280, height: 800 };

/**
 * The journey of issue 4, the same against every target: two people in two browser contexts register,
 * verify through the dev mailbox, log in, share a room and chat both ways — reply, edit, delete, unread
 * badges, reload, and twenty messages sent while one of them is offline.
 */
export function describeMainFlow(name: string, start: () => Promise<ChatTarget>): void {
  describe(`${name}: two people chat in the browser`, () => {
    let target: ChatTarget;
    let browser: Browser;
    const people: {
      person: TestPerson;
      context: BrowserContext;
      page: Page;
      app: ChatDriver;
      problems: PageProblems;
    }[] = [];
    const alice = () => people[0]!;
    const bob = () => people[1]!;

    beforeAll(async () => {
      target = await start();
      browser = await launchChromium();
      for (const displayName of ['Alice', 'Bob']) {
        const context = await browser.newContext({ viewport: DESKTOP });
        const problems = await guardContext(context);
        const page = await context.newPage();
        people.push({
          person: newPerson(displayName),
          context,
          page,
          app: new ChatDriver(page, target.url),
          problems,
        });
      }
    });

    // A failed step leaves a picture of both people's screens (test/screenshots/failed-*.png).
    // Then both are put back online on their home screen (no dialog, menu or reply left open), so that the
    // next step starts from what it expects and one failure does not fail every step after it.
    afterEach(async (context) => {
      if (context.task.result?.state !== 'fail') return;
      for (const { page, person, context: browserContext } of people) {
        await screenshotFailure(page, `${name}-${person.displayName}-${context.task.name}`);
        await browserContext.setOffline(false);
        await page.goto(`${target.url}/`).catch(() => undefined);
      }
    });

    /** The room `room` with both people in it, open on both screens: made here if an earlier step did not. */
    const sharedRoom = async (room: string) => {
      // Whether the room exists is read from a loaded room list (after a failed step the page was reloaded).
      await alice().app.roomsLoaded();
      if ((await alice().app.roomLink(room).count()) === 0) await alice().app.createRoom(room);
      else await alice().app.openRoom(room);
      // Whether Bob is in it is read from the room's member list: his own sidebar may still be loading.
      if (!(await alice().app.hasMember('Bob'))) await alice().app.addMember('Bob');
      await bob().app.roomLink(room).waitFor();
      await bob().app.openRoom(room);
    };

    /** `text` sent by `sender` in the open room, unless an earlier step already did. */
    const sent = async (sender: ChatDriver, text: string) => {
      if (!(await sender.renderedBodies()).some((body) => body.startsWith(text))) await sender.send(text);
    };

    afterAll(async () => {
      await browser?.close();
      await target?.stop();
    });

    it('serves the app with a Content-Security-Policy', async () => {
      const response = await alice().page.goto(`${target.url}/login`);
      const csp = response?.headers()['content-security-policy'] ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("style-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
    });

    it('registers both people, verifies them through the dev mailbox and logs them in', async () => {
      for (const { app, person, page } of people) {
        await app.register(person);
        if (person === alice().person) await screenshotBothThemes(page, name, 'check-email');
        await app.verifyThroughMailbox();
        if (person === alice().person) await screenshotBothThemes(page, name, 'verified');
        await app.login(person);
        if (target.socketReplica)
          figures[`${name}: ${person.displayName}'s gateway`] = await target.socketReplica();
      }
      if (target.socketReplica) {
        expect(figures[`${name}: Alice's gateway`]).not.toEqual(figures[`${name}: Bob's gateway`]);
      }
      await alice().page.getByRole('heading', { name: 'Pick a room' }).waitFor();
    });

    it('creates a room, adds the other person, and both chat both ways live', async () => {
      await alice().app.createRoom('Team');
      await alice().app.addMember('Bob');
      // The room appears in Bob's sidebar live.
      await bob().app.roomLink('Team').waitFor();
      await bob().app.openRoom('Team');
      await alice().app.send('Hello Bob');
      await bob().app.waitForMessage('Hello Bob');
      await bob().app.send('Hi Alice');
      await alice().app.waitForMessage('Hi Alice');
    });

    it('replies with a quote that jumps to its parent', async () => {
      await sharedRoom('Team');
      await sent(alice().app, 'Hello Bob');
      await bob().app.waitForMessage('Hello Bob');
      await bob().app.replyTo('Hello Bob', 'Replying to your hello');
      const reply = alice().app.message('Replying to your hello');
      await reply.waitFor();
      const quote = reply.getByRole('button', { name: /^Replying to Alice/ });
      await expect(quote.innerText()).resolves.toContain('Hello Bob');
      await quote.click();
      await eventually(async () =>
        expect(await alice().page.locator('.message.highlighted').innerText()).toContain('Hello Bob'),
      );
    });

    it('edits and deletes own messages, live for the other person', async () => {
      await sharedRoom('Team');
      await sent(alice().app, 'Hello Bob');
      await sent(bob().app, 'Hi Alice');
      await alice().app.waitForMessage('Hi Alice');
      await alice().app.edit('Hello Bob', 'Hello Bob, edited');
      await eventually(async () =>
        expect(await bob().app.message('Hello Bob, edited').innerText()).toContain('(edited)'),
      );
      await bob().app.deleteMessage('Hi Alice');
      await alice().app.message('This message was deleted.').waitFor();
      await eventually(async () => expect(await alice().app.renderedBodies()).not.toContain('Hi Alice'));
    });

    it('raises the unread badge of a room while another is open, and clears it on opening', async () => {
      await alice().app.createRoom('Side');
      await alice().app.addMember('Bob');
      await bob().app.roomLink('Side').waitFor();
      await bob().app.openRoom('Team');
      for (const text of ['side one', 'side two', 'side three']) await alice().app.send(text);
      await eventually(async () => expect(await bob().app.unreadBadge('Side')).toBe('3'));
      expect(await bob().app.unreadBadge('Team')).toBeNull();
      await bob().app.openRoom('Side');
      await bob().app.waitForMessage('side three');
      await eventually(async () => expect(await bob().app.unreadBadge('Side')).toBeNull());
      await bob().page.getByRole('separator', { name: 'New messages' }).waitFor();
      await screenshotBothThemes(bob().page, name, 'conversation');
    });

    it('keeps the session, rooms and messages across a reload', async () => {
      await bob().page.reload();
      await bob().app.roomsLoaded();
      await bob().app.openRoom('Team');
      await bob().app.waitForMessage('Hello Bob, edited');
      await bob().app.message('This message was deleted.').waitFor();
      await bob().app.waitForMessage('Replying to your hello');
      expect(await bob().app.unreadBadge('Side')).toBeNull();
    });

    it('keeps two tabs signed in when both refresh their session at the same moment', async () => {
      const second = await bob().context.newPage();
      await second.goto(`${target.url}/`);
      await new ChatDriver(second, target.url).roomsLoaded();
      // Both tabs present the same refresh cookie at once: the server's grace window must keep both.
      await Promise.all([bob().page.reload(), second.reload()]);
      await Promise.all([bob().app.roomsLoaded(), new ChatDriver(second, target.url).roomsLoaded()]);
      await second.close();
      // Another refresh: had the race revoked the session family, this one would be refused.
      await bob().page.reload();
      await bob().app.roomsLoaded();
    });

    readAndDeleteSteps({ url: () => target.url, browser: () => browser, alice, bob, sharedRoom });

    it('shows all twenty messages sent while one person was offline, once and in order', async () => {
      await sharedRoom('Team');
      await bob().context.setOffline(true);
      await bob().page.getByTestId('connection-banner').getByText('Connection lost').waitFor();
      const sent = Array.from({ length: 20 }, (_, i) => `burst ${i + 1}`);
      for (const text of sent) await alice().app.send(text);
      await eventually(async () => expect(await alice().page.locator('.message.pending').count()).toBe(0));
      await bob().context.setOffline(false);
      await bob().page.getByTestId('connection-banner').getByText('Back online').waitFor({ timeout: 30_000 });
      await eventually(async () => {
        const bursts = (await bob().app.renderedBodies()).filter((body) => /^burst \d+$/.test(body));
        expect(bursts).toEqual(sent);
      }, 30_000);
    });

    it('works by keyboard: Shift+Enter for a new line, Escape to cancel a reply, typing shown to others', async () => {
      const box = alice().app.composer();
      await box.click();
      await box.pressSequentially('line one');
      // Typing is announced to the other person while the text is being written.
      await bob().page.getByText('Alice is typing…').waitFor();
      await box.press('Shift+Enter');
      await box.pressSequentially('line two');
      await box.press('Enter');
      await eventually(async () => expect(await bob().app.renderedBodies()).toContain('line one\nline two'));
      const message = alice().app.message('burst 20');
      await message.hover();
      await message.getByRole('button', { name: 'Reply' }).click();
      await alice()
        .page.getByRole('button', { name: /^Cancel reply/ })
        .waitFor();
      await alice().app.composer().press('Escape');
      await eventually(async () =>
        expect(
          await alice()
            .page.getByRole('button', { name: /^Cancel reply/ })
            .count(),
        ).toBe(0),
      );
    });

    it('keeps a message typed offline pending, and sends it once when the connection is back', async () => {
      await sharedRoom('Team');
      await alice().context.setOffline(true);
      await alice()
        .page.getByTestId('connection-banner')
        .getByText(/Connection lost/)
        .waitFor({ timeout: 30_000 });
      await alice().app.send('sent when back online');
      const waiting = alice().app.message('sent when back online');
      // Offline it waits in the outbox as pending (issue 10): it does not fail after the library's retries.
      await waiting.getByText('Sending…').waitFor();
      await alice().context.setOffline(false);
      await alice()
        .page.getByTestId('connection-banner')
        .getByText('Back online')
        .waitFor({ timeout: 30_000 });
      await eventually(async () =>
        expect(await alice().page.locator('.message.pending, .message.failed').count()).toBe(0),
      );
      await bob().app.waitForMessage('sent when back online');
      const copies = (await bob().app.renderedBodies()).filter((body) => body === 'sent when back online');
      expect(copies).toHaveLength(1);
    });

    it('shows who is online in the member list', async () => {
      const panel = await bob().app.membersPanel();
      await panel.getByRole('listitem').filter({ hasText: 'Alice' }).getByText(', online').waitFor();
    });

    it('renames and deletes a room, live for everyone in it', async () => {
      await alice().app.openRoom('Side');
      await alice().page.getByRole('button', { name: 'Room options' }).click();
      await alice().page.getByRole('menuitem', { name: 'Rename room' }).click();
      const rename = alice().page.getByRole('dialog', { name: 'Rename room' });
      await rename.getByLabel('Room name').fill('Side project');
      await rename.getByRole('button', { name: 'Rename' }).click();
      await bob().app.roomLink('Side project').waitFor();
      await alice().page.getByRole('button', { name: 'Room options' }).click();
      await alice().page.getByRole('menuitem', { name: 'Delete room' }).click();
      await alice().page.getByRole('alertdialog').getByRole('button', { name: 'Delete room' }).click();
      await eventually(async () => expect(await bob().app.roomLink('Side project').count()).toBe(0));
      await eventually(async () => expect(await alice().app.roomLink('Side project').count()).toBe(0));
    });

    it('removes a member and lets a member leave, live for both', async () => {
      await alice().app.createRoom('Temp');
      await alice().app.addMember('Bob');
      await bob().app.roomLink('Temp').waitFor();
      const panel = await alice().app.membersPanel();
      await panel.getByRole('button', { name: 'Remove Bob from the room' }).click();
      await eventually(async () => expect(await bob().app.roomLink('Temp').count()).toBe(0));
      await alice().app.addMember('Bob');
      await bob().app.openRoom('Temp');
      await bob().page.getByRole('button', { name: 'Room options' }).click();
      // A plain member may leave, but neither rename nor delete the room.
      await bob().page.getByRole('menuitem', { name: 'Leave room' }).waitFor();
      expect(await bob().page.getByRole('menuitem', { name: 'Rename room' }).count()).toBe(0);
      await bob().page.getByRole('menuitem', { name: 'Leave room' }).click();
      await bob().page.getByRole('alertdialog').getByRole('button', { name: 'Leave room' }).click();
      await eventually(async () => expect(await bob().app.roomLink('Temp').count()).toBe(0));
      await alice().page.getByRole('button', { name: '1 member' }).waitFor();
    });

    it('explains refused input next to the field it concerns', async () => {
      const context = await browser.newContext({ viewport: DESKTOP });
      const page = await context.newPage();
      await page.goto(`${target.url}/register`);
      await page.getByLabel('Your name').fill('Eve');
      await page.getByLabel('Email').fill('not-an-email');
      await page.getByLabel('Password').fill('short');
      await page.getByRole('button', { name: 'Create account' }).click();
      // Checked in the page before anything is sent.
      await expect(page.getByLabel('Password').getAttribute('aria-invalid')).resolves.toBe('true');
      await page.getByText('Use at least 8 characters.').waitFor();
      // Refused by the API, shown under the field the API names.
      await page.getByLabel('Password').fill('long enough password');
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.getByText('Enter an email address like name@example.com.').waitFor();
      await expect(page.getByLabel('Email').getAttribute('aria-invalid')).resolves.toBe('true');
      await page.goto(`${target.url}/login`);
      await page.getByLabel('Email').fill(bob().person.email);
      await page.getByLabel('Password').fill('wrong password');
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.getByRole('alert').getByText('That email and password don’t match an account.').waitFor();
      await context.close();
    });

    it('measures the time from logging in to the first room’s messages on screen', async () => {
      const context = await browser.newContext({ viewport: DESKTOP });
      const page = await context.newPage();
      const app = new ChatDriver(page, target.url);
      await page.goto(`${target.url}/login`);
      await page.getByLabel('Email').fill(bob().person.email);
      await page.getByLabel('Password').fill(bob().person.password);
      const started = Date.now();
      await page.getByRole('button', { name: 'Log in' }).click();
      await app.messageList().getByRole('article').first().waitFor();
      figures[`${name}: login → first room's messages (ms)`] = Date.now() - started;
      await context.close();
    });

    it('passes axe-core on the main screens in both themes, and saves them', async () => {
      const page = alice().page;
      const screens: [string, () => Promise<void>][] = [
        ['chat', async () => alice().app.openRoom('Team')],
        [
          'members',
          async () => {
            await alice().app.membersPanel();
          },
        ],
        [
          'create-room',
          async () => {
            await page.getByRole('button', { name: 'New room' }).click();
            await page.getByRole('dialog', { name: 'Create a room' }).waitFor();
          },
        ],
        [
          'settings',
          async () => {
            await page.keyboard.press('Escape');
            const menu = await alice().app.openUserMenu();
            await menu.getByRole('menuitem', { name: 'Account settings' }).click();
            await page.getByRole('heading', { name: 'Account' }).waitFor();
          },
        ],
      ];
      for (const [screen, open] of screens) {
        await open();
        expect(await seriousAxeViolationsInBothThemes(page), screen).toEqual([]);
        await screenshotBothThemes(page, name, screen);
      }
      // Signed-out screens, in a fresh context.
      const context = await browser.newContext({ viewport: DESKTOP });
      await guardContext(context);
      const guest = await context.newPage();
      for (const [screen, path] of [
        ['login', '/login'],
        ['register', '/register'],
        ['forgot-password', '/forgot-password'],
        ['mailbox', '/dev/mailbox'],
      ] as const) {
        await guest.goto(`${target.url}${path}`);
        await guest.getByRole('heading', { level: 1 }).waitFor();
        expect(await seriousAxeViolationsInBothThemes(guest), screen).toEqual([]);
        await screenshotBothThemes(guest, name, screen);
      }
      await context.close();
      // A phone-sized screen: the room list, then a room.
      const phone = await browser.newContext({
        viewport: { width: 390, height: 800 },
        isMobile: true,
        hasTouch: true,
      });
      const phonePage = await phone.newPage();
      const phoneApp = new ChatDriver(phonePage, target.url);
      await phoneApp.login(alice().person);
      await screenshotBothThemes(phonePage, name, 'phone-rooms');
      await phoneApp.openRoom('Team');
      await screenshotBothThemes(phonePage, name, 'phone-conversation');
      expect(await seriousAxeViolationsInBothThemes(phonePage), 'phone').toEqual([]);
      await phone.close();
    });

    it('resets a forgotten password through the mailbox, which logs out every session', async () => {
      const context = await browser.newContext({ viewport: DESKTOP });
      const page = await context.newPage();
      await page.goto(`${target.url}/forgot-password`);
      await page.getByLabel('Email').fill(bob().person.email);
      await page.getByRole('button', { name: 'Send reset link' }).click();
      await page.getByRole('link', { name: 'Open the mailbox' }).click();
      const link = page.getByRole('link', { name: 'Choose a new password' }).first();
      await eventually(async () => {
        if ((await link.count()) === 0) {
          await page.getByRole('button', { name: 'Refresh' }).click();
          throw new Error('no reset mail yet');
        }
      });
      await link.click();
      const password = `new-${bob().person.password}`;
      await page.getByLabel('New password', { exact: true }).fill(password);
      await page.getByLabel('Repeat the new password', { exact: true }).fill(password);
      await page.getByRole('button', { name: 'Set new password' }).click();
      await page.getByText('Your password is changed.').waitFor();
      await context.close();
      // Bob's open tab is disconnected and signed out.
      await bob().page.getByRole('heading', { name: 'Log in to LiveChat' }).waitFor({ timeout: 20_000 });
      bob().person.password = password;
      await bob().app.login(bob().person);
    });

    it('logs out everywhere from the account settings', async () => {
      const context = await browser.newContext({ viewport: DESKTOP });
      const elsewhere = new ChatDriver(await context.newPage(), target.url);
      await elsewhere.login(alice().person);
      await alice().page.goto(`${target.url}/settings`);
      await alice().page.getByRole('button', { name: 'Log out everywhere' }).click();
      await alice().page.getByRole('heading', { name: 'Log in to LiveChat' }).waitFor();
      await alice().page.getByText('You are logged out on every device.').waitFor();
      await elsewhere.page.getByRole('heading', { name: 'Log in to LiveChat' }).waitFor({ timeout: 20_000 });
      await context.close();
    });

    it('ran without a single CSP violation or uncaught error', async () => {
      for (const { page, problems, person } of people) {
        expect(problems.csp, person.displayName).toEqual([]);
        expect(await domCspViolations(page), person.displayName).toEqual([]);
        expect(problems.errors, person.displayName).toEqual([]);
      }
      console.log(`figures (${name}):`, figures);
    });
  });
}
