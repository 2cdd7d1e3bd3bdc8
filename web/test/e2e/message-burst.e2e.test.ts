import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '@livechat/client';
import { registerVerified, signedInApi } from './support/api-seeder';
import { ChatDriver, eventually, newPerson } from './support/chat-driver';
import { launchChromium } from './support/chromium';
import { startStandalone, type RunningStandalone } from './support/standalone-server';

const DESKTOP = { width: 1280, height: 800 };
const BURST = 80;

/**
 * Messages arriving faster than the list measures them (a busy room, a catch-up): the room stays on
 * screen — a burst used to pass React's limit of nested updates (error #185) and leave the room's error
 * panel instead, seen as a CI failure where the latest of 60 seeded messages never came into view — the
 * reader at the bottom stays there (web/src/ui/use-stick-to-bottom.ts), and one who scrolled up stays put.
 */
describe('a burst of messages', () => {
  let server: RunningStandalone;
  let browser: Browser;
  let context: BrowserContext;
  let alice: ChatDriver;
  let bobApi: ApiClient;
  let roomId: string;

  /** The texts of the messages whose rows are inside the list's viewport (not merely rendered). */
  const textsInView = () =>
    alice.messageList().evaluate((list) => {
      const view = list.getBoundingClientRect();
      return [...list.querySelectorAll('article')]
        .filter((row) => {
          const box = row.getBoundingClientRect();
          return box.bottom > view.top && box.top < view.bottom;
        })
        .map((row) => row.querySelector('.message-body')?.textContent ?? '');
    });
  const inView = async (text: string) => (await textsInView()).includes(text);

  /** Bob sends `round`'s messages, eight at a time: faster than the list can measure each. */
  const burst = async (round: number) => {
    let next = 0;
    const sender = async () => {
      for (let index = next++; index < BURST; index = next++)
        await bobApi.call('sendMessage', {
          params: { id: roomId },
          body: { clientId: `burst-${round}-${index}`, body: `round ${round} message ${index + 1}` },
        });
    };
    await Promise.all(Array.from({ length: 8 }, sender));
  };

  beforeAll(async () => {
    server = await startStandalone();
    browser = await launchChromium();
    const [a, b] = [newPerson('Alice'), newPerson('Bob')];
    for (const person of [a, b]) await registerVerified(server.url, person);
    bobApi = await signedInApi(server.url, b);
    context = await browser.newContext({ viewport: DESKTOP });
    alice = new ChatDriver(await context.newPage(), server.url);
    await alice.login(a);
    await alice.createRoom('Busy', ['Bob']);
    roomId = /\/rooms\/([^/?#]+)/.exec(alice.page.url())?.[1] ?? '';
    expect(roomId).not.toBe('');
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  it('keeps the room on screen and the reader at the latest message, burst after burst', async () => {
    for (const round of [1, 2, 3]) {
      const last = `round ${round} message ${BURST}`;
      await burst(round);
      await eventually(async () => {
        expect(await alice.page.getByText('Something went wrong').count()).toBe(0);
        expect(await inView(last)).toBe(true);
      });
    }
  });

  it('shows a message action’s tooltip on hover and on keyboard focus, one for the whole list', async () => {
    const message = alice.message('round 3 message 80');
    await message.hover();
    await message.getByRole('button', { name: 'Reply' }).hover();
    const tooltip = alice.page.getByRole('tooltip', { name: 'Reply' });
    await tooltip.waitFor();
    await alice.page.mouse.move(0, 0);
    await tooltip.waitFor({ state: 'detached' });
    await alice.composer().focus();
    await alice.page.keyboard.press('Shift+Tab');
    await alice.page.getByRole('tooltip', { name: 'Reply' }).waitFor();
    await alice.page.keyboard.press('Escape');
    await alice.page.getByRole('tooltip').waitFor({ state: 'detached' });
  });

  it('leaves a reader who scrolled up where they are', async () => {
    const list = alice.messageList();
    await list.hover();
    await alice.page.mouse.wheel(0, -2000);
    await eventually(async () => expect(await inView('round 3 message 80')).toBe(false));
    const reading = (await textsInView()).find((body) => body.startsWith('round 3'));
    expect(reading).toBeDefined();
    await burst(4);
    await alice.page.getByRole('button', { name: 'Jump to latest' }).waitFor();
    expect(await inView(reading!)).toBe(true);
    expect(await inView('round 4 message 80')).toBe(false);
  });
});
