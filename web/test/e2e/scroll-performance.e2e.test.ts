import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerVerified, seedMessages, signedInApi } from './support/api-seeder';
import { ChatDriver, newPerson } from './support/chat-driver';
import { launchChromium } from './support/chromium';
import { scrollFrameStats } from './support/frame-timing';
import { staticScrollBaseline } from './support/frame-baseline';
import { startStandalone, type RunningStandalone } from './support/standalone-server';

/**
 * How many messages the long room gets. The browser suite uses 1,000 (seeding goes through the real send
 * endpoint, a few dozen per second on a busy CI machine); `npm run bench:e2e` measures the 10,000 of the budget.
 */
const MESSAGES = Number(process.env.LIVECHAT_SCROLL_MESSAGES ?? 1_000);

/**
 * A long room in the real browser: all of it loads (jumping to the first unread pages back through the whole
 * history), the list stays windowed, and scrolling is measured frame by frame. Figures are printed, not
 * asserted (they depend on the machine); what is asserted is that the DOM stays small.
 */
describe(`a room with ${MESSAGES} messages`, () => {
  let server: RunningStandalone;
  let browser: Browser;

  beforeAll(async () => {
    server = await startStandalone();
    browser = await launchChromium();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it(
    'loads all history on demand and scrolls through it with a small DOM',
    { timeout: 900_000 },
    async () => {
      const [alice, bob] = [newPerson('Alice'), newPerson('Bob')];
      await registerVerified(server.url, alice);
      await registerVerified(server.url, bob);
      const api = await signedInApi(server.url, alice);
      const { users } = await api.call('searchUsers', { query: { q: bob.email } });
      const room = await api.call('createRoom', { body: { name: 'Big', memberIds: users.map((u) => u.id) } });
      const seeding = Date.now();
      await seedMessages(
        api,
        room.id,
        MESSAGES,
        (i) => `seed ${i}: ${'lorem ipsum '.repeat(1 + (i % 7))}`,
        16,
      );
      console.log(`seeded ${MESSAGES} messages in ${Date.now() - seeding} ms`);

      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      const app = new ChatDriver(page, server.url);
      await app.login(bob);
      await app.openRoom('Big');
      await app.messageList().getByRole('article').first().waitFor();

      const loading = Date.now();
      await page.getByRole('button', { name: 'Jump to first unread' }).click();
      await page.getByRole('separator', { name: 'New messages' }).waitFor({ timeout: 300_000 });
      console.log(
        `loaded ${MESSAGES} messages (100 per page, one after another) in ${Date.now() - loading} ms`,
      );

      const scroller = app.messageList();
      await scroller.evaluate((element) => (element.scrollTop = 0));
      // About the length of the room (rows average some 30 px), at most 600 frames (10 s at 60 Hz).
      const frames = Math.min(600, Math.floor((MESSAGES * 30) / 120));
      const down = await scrollFrameStats(scroller, frames, 120);
      const up = await scrollFrameStats(scroller, frames, -120);
      const rendered = await scroller.getByRole('article').count();
      console.log('frame times scrolling down (ms):', down);
      console.log('frame times scrolling up (ms):', up);
      console.log(
        'same scroll over a static page, no script (ms):',
        await staticScrollBaseline(browser, frames, 120),
      );
      console.log(`articles in the DOM while scrolling ${MESSAGES} messages: ${rendered}`);
      expect(rendered).toBeLessThan(200);
      expect(rendered).toBeGreaterThan(5);
    },
  );
});
