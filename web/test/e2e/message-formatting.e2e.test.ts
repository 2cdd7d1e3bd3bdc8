import type { ApiClient } from '@livechat/client';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LINKED_SCHEMES, RENDERED_ATTRIBUTES, RENDERED_ELEMENTS, XSS_CORPUS } from '../fixtures/xss-corpus';
import { registerVerified, signedInApi } from './support/api-seeder';
import { seriousAxeViolations } from './support/axe';
import { ChatDriver, eventually, newPerson } from './support/chat-driver';
import { launchChromium } from './support/chromium';
import { domCspViolations, guardContext, type PageProblems } from './support/page-guards';
import { screenshotFailure } from './support/screenshots';
import { startStandalone, type RunningStandalone } from './support/standalone-server';

declare global {
  interface Window {
    /** Set by a corpus payload if it ever ran (each sets its own number). */
    __xss?: number;
  }
}

const DESKTOP = { width: 1280, height: 800 };

/** What the message bodies hold, read in the page: element names, attribute names, link targets. */
const bodyInventory = (page: Page) =>
  page.evaluate(() => {
    const nodes = [...document.querySelectorAll('.message-body *')];
    return {
      elements: [...new Set(nodes.map((node) => node.localName))],
      attributes: [...new Set(nodes.flatMap((node) => node.getAttributeNames()))],
      links: [...document.querySelectorAll<HTMLAnchorElement>('.message-body a')].map((a) => ({
        href: a.getAttribute('href') ?? '',
        target: a.target,
        rel: a.rel,
      })),
    };
  });

/**
 * Issue 10, "messages people can read and click": Markdown formatting typed in the composer shows as
 * formatting, links open safely in a new tab, quotes and the room list show plain text — and no payload
 * of the XSS corpus runs a script, becomes markup or makes the Content-Security-Policy report anything.
 */
describe('message formatting', () => {
  let server: RunningStandalone;
  let browser: Browser;
  let aliceContext: BrowserContext;
  let bobContext: BrowserContext;
  let alice: ChatDriver;
  let bob: ChatDriver;
  let bobProblems: PageProblems;
  let aliceApi: ApiClient;
  let roomId: string;

  beforeAll(async () => {
    server = await startStandalone();
    browser = await launchChromium();
    const people = [newPerson('Alice'), newPerson('Bob')];
    for (const person of people) await registerVerified(server.url, person);
    aliceContext = await browser.newContext({ viewport: DESKTOP });
    bobContext = await browser.newContext({ viewport: DESKTOP });
    bobProblems = await guardContext(bobContext);
    alice = new ChatDriver(await aliceContext.newPage(), server.url);
    bob = new ChatDriver(await bobContext.newPage(), server.url);
    await alice.login(people[0]!);
    await bob.login(people[1]!);
    await alice.createRoom('Formats', ['Bob']);
    await bob.openRoom('Formats');
    roomId = decodeURIComponent(new URL(bob.page.url()).pathname.split('/').at(-1)!);
    aliceApi = await signedInApi(server.url, people[0]!);
  });
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') {
      await screenshotFailure(alice.page, `formatting-alice-${context.task.name}`);
      await screenshotFailure(bob.page, `formatting-bob-${context.task.name}`);
    }
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows what Alice typed with formatting, Shift+Enter lines and all, and keeps the composer plain', async () => {
    const box = alice.composer();
    await box.pressSequentially('**Deploy** is _done_, ~~maybe~~ see `npm run deploy`');
    await box.press('Shift+Enter');
    await box.pressSequentially('- one');
    await box.press('Shift+Enter');
    await box.pressSequentially('- two https://example.com/docs');
    // The composer holds the text as typed: no formatting happens there.
    expect(await box.inputValue()).toBe(
      '**Deploy** is _done_, ~~maybe~~ see `npm run deploy`\n- one\n- two https://example.com/docs',
    );
    await box.press('Enter');

    const message = bob.message('Deploy');
    await message.waitFor();
    const body = message.locator('.message-body');
    expect(await body.locator('strong').innerText()).toBe('Deploy');
    expect(await body.locator('em').innerText()).toBe('done');
    expect(await body.locator('s').innerText()).toBe('maybe');
    expect(await body.locator('code').innerText()).toBe('npm run deploy');
    expect(await body.locator('li').allInnerTexts()).toEqual(['one', 'two https://example.com/docs']);
    // A list shows its bullets (Tailwind's preflight removes them from every list by default).
    expect(await body.locator('ul').evaluate((list) => getComputedStyle(list).listStyleType)).toBe('disc');
    const link = body.getByRole('link', { name: 'https://example.com/docs' });
    expect(await link.getAttribute('href')).toBe('https://example.com/docs');
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
    const codeFont = await body.locator('code').evaluate((code) => getComputedStyle(code).fontFamily);
    expect(codeFont).toMatch(/monospace/);

    // The room list and a reply's quote show the words without the markup.
    await eventually(async () =>
      expect(await bob.roomLink('Formats').locator('.room-preview').innerText()).toBe(
        'Alice: Deploy is done, maybe see npm run deploy one two https://example.com/docs',
      ),
    );
    await bob.replyTo('Deploy', 'nice');
    await eventually(async () =>
      expect(await bob.message('nice').locator('.reply-quote-body').innerText()).toMatch(
        /^Deploy is done, maybe see npm run deploy one two/,
      ),
    );
    expect(await seriousAxeViolations(bob.page)).toEqual([]);
  });

  it('shows the full date and time on hover of a message’s time, and a relative time in the room list', async () => {
    const time = bob.message('nice').locator('time').first();
    const title = (await time.getAttribute('title')) ?? '';
    // The full form names the year; the short one on screen is only hours and minutes.
    expect(title).toContain(String(new Date().getFullYear()));
    expect(await time.innerText()).not.toContain(String(new Date().getFullYear()));
    const roomTime = bob.roomLink('Formats').locator('time.room-time');
    expect(await roomTime.innerText()).toMatch(/^(now|\d+ min)$/);
    expect(await roomTime.getAttribute('title')).toContain(String(new Date().getFullYear()));
  });

  it('runs no script and reports no CSP violation for any payload of the XSS corpus', async () => {
    await bob.page.evaluate(() => delete window.__xss);
    for (const [index, payload] of XSS_CORPUS.entries()) {
      // A first line to find the message by, then the payload from the start of a line (fences, quotes).
      const marker = `payload ${index + 1}`;
      await aliceApi.call('sendMessage', {
        params: { id: roomId },
        body: { clientId: `xss-${index}`, body: `${marker}\n${payload}` },
      });
      await bob.waitForMessage(marker);
      // The text is shown, as text: what the payload says stays readable.
      const shown = await bob.message(marker).locator('.message-body').innerText();
      expect(shown.length, payload).toBeGreaterThan(marker.length);
      const { elements, attributes, links } = await bodyInventory(bob.page);
      expect(
        elements.filter((name) => !RENDERED_ELEMENTS.has(name)),
        payload,
      ).toEqual([]);
      expect(
        attributes.filter((name) => !RENDERED_ATTRIBUTES.has(name)),
        payload,
      ).toEqual([]);
      for (const link of links) {
        expect(link.href, payload).toMatch(LINKED_SCHEMES);
        expect(link).toMatchObject({ target: '_blank', rel: 'noopener noreferrer' });
      }
    }
    // No element that could carry a handler or load a script exists (checked above after each payload).
    expect(await bob.page.evaluate(() => window.__xss)).toBeUndefined();
    expect(await domCspViolations(bob.page)).toEqual([]);
    expect(bobProblems.csp).toEqual([]);
    expect(bobProblems.errors).toEqual([]);
    // The entities stay as typed (not decoded into markup) and the unsafe link is plain text.
    expect(await bob.message('payload 9').innerText()).toContain('&lt;script&gt;');
    expect(await bob.message('payload 5').innerText()).toContain('[x](javascript:alert(1))');
  });
});
