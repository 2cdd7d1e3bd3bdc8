import type { ApiClient } from '@livechat/client';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { registerVerified, signedInApi } from './support/api-seeder';
import { setAttention } from './support/attention';
import { ChatDriver, eventually, newPerson, type TestPerson } from './support/chat-driver';
import { launchChromium } from './support/chromium';
import { domCspViolations, guardContext, type PageProblems } from './support/page-guards';
import { screenshotFailure } from './support/screenshots';
import { startStandalone, type RunningStandalone } from './support/standalone-server';

interface RecordedNotification {
  title: string;
  body: string;
  tag: string;
}

declare global {
  interface Window {
    __notifications?: (RecordedNotification & { instance: Notification })[];
    __permissionRequests?: number;
  }
}

const DESKTOP = { width: 1280, height: 800 };

/**
 * Runs before the app in every page of the context: the real Notification, wrapped so the test can see
 * each one constructed (and click it), and requestPermission counted. The browser still shows them.
 */
function recordNotifications(): void {
  window.__notifications = [];
  window.__permissionRequests = 0;
  const Real = window.Notification;
  class Recorded extends Real {
    constructor(title: string, options?: NotificationOptions) {
      super(title, options);
      window.__notifications!.push({
        title,
        body: options?.body ?? '',
        tag: options?.tag ?? '',
        instance: this,
      });
    }
  }
  Object.defineProperty(Recorded, 'permission', { get: () => Real.permission });
  Object.defineProperty(Recorded, 'requestPermission', {
    value: (...args: Parameters<typeof Notification.requestPermission>) => {
      window.__permissionRequests! += 1;
      return Real.requestPermission(...args);
    },
  });
  window.Notification = Recorded;
}

const notifications = (page: Page) =>
  page.evaluate(() => (window.__notifications ?? []).map(({ title, body, tag }) => ({ title, body, tag })));

/**
 * Issue 10, notifications: with the permission granted through the browser context, a hidden tab shows
 * a Notification for someone else's message, with the room's name and the message; a room set to "None"
 * shows none (the setting lives on the server and follows to the person's other tab live); clicking one
 * opens its room; the tab title and icon count the unread. Headless Chromium keeps every page visible,
 * so the hidden tab is emulated (`setAttention`: `visibilityState` overridden, `visibilitychange` fired).
 */
describe('browser notifications', () => {
  let server: RunningStandalone;
  let browser: Browser;
  let bobContext: BrowserContext;
  let bobProblems: PageProblems;
  let bob: ChatDriver;
  let aliceApi: ApiClient;
  let people: TestPerson[];
  const roomIds = new Map<string, string>();

  beforeAll(async () => {
    server = await startStandalone();
    browser = await launchChromium();
    people = [newPerson('Alice'), newPerson('Bob')];
    for (const person of people) await registerVerified(server.url, person);
    bobContext = await browser.newContext({ viewport: DESKTOP });
    await bobContext.grantPermissions(['notifications'], { origin: server.url });
    await bobContext.addInitScript(recordNotifications);
    bobProblems = await guardContext(bobContext);
    bob = new ChatDriver(await bobContext.newPage(), server.url);
    await bob.login(people[1]!);
    aliceApi = await signedInApi(server.url, people[0]!);
    const { users } = await aliceApi.call('searchUsers', { query: { q: 'Bob', limit: 10 } });
    const bobId = users.find((user) => user.displayName === 'Bob')!.id;
    for (const name of ['Loud', 'Quiet']) {
      const room = await aliceApi.call('createRoom', { body: { name, memberIds: [bobId] } });
      roomIds.set(name, room.id);
    }
    await bob.roomLink('Quiet').waitFor();
    await bob.roomLink('Loud').waitFor();
  });
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail')
      await screenshotFailure(bob.page, `notify-${context.task.name}`);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const send = (room: string, body: string) =>
    aliceApi.call('sendMessage', {
      params: { id: roomIds.get(room)! },
      body: { clientId: `${room}-${body}`.replace(/[^A-Za-z0-9_.:-]/g, '-'), body },
    });
  const levelField = async (page: Page) => {
    const field = page.getByLabel('Notifications', { exact: true });
    if (!(await field.isVisible())) await page.getByRole('button', { name: 'Room options' }).click();
    return field;
  };

  it('keeps a room’s level on the server, and Bob’s other tab follows it live', async () => {
    await bob.openRoom('Quiet');
    const otherTab = await bobContext.newPage();
    await otherTab.goto(bob.page.url());
    await otherTab.getByRole('heading', { name: 'Quiet', level: 1 }).waitFor();
    expect(await (await levelField(otherTab)).inputValue()).toBe('all');
    // "Mentions only" is there, and cannot be chosen until mentions exist.
    expect(await (await levelField(bob.page)).locator('option[value="mentions"]').isDisabled()).toBe(true);

    await (await levelField(bob.page)).selectOption('none');
    await eventually(async () => expect(await (await levelField(otherTab)).inputValue()).toBe('none'));
    const stored = await aliceApi.call('listRooms');
    // Alice's own level for the room is hers, untouched.
    expect(stored.rooms.find((room) => room.name === 'Quiet')?.notificationLevel).toBe('all');
    await otherTab.close();
    await bob.page.keyboard.press('Escape');
  });

  it('notifies a hidden tab of a message in an "all" room, and never of one in a "None" room', async () => {
    await setAttention(bob.page, { visible: false, focused: false });
    await send('Quiet', 'a quiet message');
    await send('Loud', 'a **loud** message');
    await eventually(async () =>
      expect(await notifications(bob.page)).toContainEqual(
        expect.objectContaining({ title: 'Loud', body: 'Alice: a loud message' }),
      ),
    );
    // The quiet message reached Bob's tab too (the room on its screen shows it), and made no notification.
    await bob.waitForMessage('a quiet message');
    expect((await notifications(bob.page)).map((n) => n.title)).toEqual(['Loud']);
    // Only "Loud" counts in the tab's title and on its icon ("Quiet" is set to None).
    await eventually(async () => expect(await bob.page.title()).toBe('(1) LiveChat'));
    const icon = await bob.page.locator('link[rel="icon"]').getAttribute('href');
    expect(icon).toMatch(/^data:image\/png;base64,/);
  });

  it('opens the room when the notification is clicked, and the count clears once it is read', async () => {
    await bob.page.evaluate(() => window.__notifications!.at(-1)!.instance.dispatchEvent(new Event('click')));
    await bob.page.getByRole('heading', { name: 'Loud', level: 1 }).waitFor();
    expect(new URL(bob.page.url()).pathname).toBe(`/rooms/${roomIds.get('Loud')}`);
    await setAttention(bob.page, { visible: true, focused: true });
    await eventually(async () => expect(await bob.page.title()).toBe('LiveChat'));
    await eventually(async () =>
      expect(await bob.page.locator('link[rel="icon"]').getAttribute('href')).toBe('/favicon.svg'),
    );
  });

  it('does not notify a visible tab', async () => {
    const before = (await notifications(bob.page)).length;
    await send('Loud', 'seen as it arrives');
    await bob.waitForMessage('seen as it arrives');
    expect(await notifications(bob.page)).toHaveLength(before);
    expect(await domCspViolations(bob.page)).toEqual([]);
    expect(bobProblems.csp).toEqual([]);
    expect(bobProblems.errors).toEqual([]);
  });

  it('asks for permission only when the person clicks "Enable notifications", never on load', async () => {
    const context = await browser.newContext({ viewport: DESKTOP });
    await context.addInitScript(recordNotifications);
    const page = await context.newPage();
    const carol = newPerson('Carol');
    await registerVerified(server.url, carol);
    await new ChatDriver(page, server.url).login(carol);
    const button = page.getByRole('button', { name: 'Enable notifications' });
    await button.waitFor();
    expect(await page.evaluate(() => window.__permissionRequests)).toBe(0);
    await button.click();
    await eventually(async () => expect(await page.evaluate(() => window.__permissionRequests)).toBe(1));
    await context.close();
  });
});
