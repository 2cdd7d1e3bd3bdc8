import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerVerified } from './support/api-seeder';
import { seriousAxeViolations } from './support/axe';
import { ChatDriver, newPerson } from './support/chat-driver';
import { launchChromium } from './support/chromium';
import { startStandalone, type RunningStandalone } from './support/standalone-server';

/** Issue 8: a draft past the message limit says by how much, cannot be sent, and is kept. */
describe('composer over the limit', () => {
  let server: RunningStandalone;
  let browser: Browser;
  let page: Page;
  let app: ChatDriver;

  beforeAll(async () => {
    server = await startStandalone();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    app = new ChatDriver(page, server.url);
    const alice = newPerson('Alice');
    await registerVerified(server.url, alice);
    await app.login(alice);
    await app.createRoom('Drafts');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('says "1,000 characters over the limit", disables Send and keeps the draft', async () => {
    const draft = 'x'.repeat(5000);
    await app.composer().fill(draft);
    await page.getByText('1,000 characters over the limit').waitFor();
    expect(await page.getByRole('button', { name: 'Send' }).isDisabled()).toBe(true);
    await app.composer().press('Enter');
    expect(await app.composer().inputValue()).toBe(draft);
    expect(await app.renderedBodies()).toEqual([]);
    expect(await seriousAxeViolations(page)).toEqual([]);
  });
});
