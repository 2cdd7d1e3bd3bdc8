// `npm run screenshots -w @livechat/web`: the README's pictures — Bob's screen in a conversation with
// formatted messages, a reply and the member list, in the light and the dark theme
// (docs/screenshot-light.png, docs/screenshot-dark.png). Builds nothing: run `npm run build -w @livechat/web`
// first. A fresh standalone server and Debian's Chromium, as the browser suite uses them.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { registerVerified } from '../test/e2e/support/api-seeder';
import { ChatDriver, newPerson } from '../test/e2e/support/chat-driver';
import { launchChromium } from '../test/e2e/support/chromium';
import { startStandalone } from '../test/e2e/support/standalone-server';

const DOCS_DIR = resolve(import.meta.dirname, '../../docs');
const VIEWPORT = { width: 1280, height: 800 };

/** Who says what, in order; `replyTo` quotes an earlier line by a part of its text. */
const CONVERSATION: { from: 'alice' | 'bob'; text: string; replyTo?: string }[] = [
  { from: 'alice', text: 'Morning! The **release build** is green on every platform.' },
  { from: 'bob', text: 'Nice. Did the `migrate` step run on staging too?' },
  { from: 'alice', text: 'Yes, with the new flag:\n```\nnpm run migrate -- --env staging\n```' },
  {
    from: 'bob',
    text: "Then let's ship it today:\n- tag _v1.4_\n- post the notes at https://example.com/release-notes",
    replyTo: 'release build',
  },
  { from: 'alice', text: 'On it. ~~Friday~~ **Today** it is.' },
];

const server = await startStandalone();
const browser = await launchChromium();
try {
  const people = { alice: newPerson('Alice'), bob: newPerson('Bob') };
  for (const person of Object.values(people)) await registerVerified(server.url, person);
  const screens = {
    alice: new ChatDriver(await (await browser.newContext({ viewport: VIEWPORT })).newPage(), server.url),
    bob: new ChatDriver(await (await browser.newContext({ viewport: VIEWPORT })).newPage(), server.url),
  };
  await screens.alice.login(people.alice);
  await screens.bob.login(people.bob);
  await screens.alice.createRoom('Release', ['Bob']);
  await screens.bob.openRoom('Release');
  for (const line of CONVERSATION) {
    const screen = screens[line.from];
    if (line.replyTo) await screen.replyTo(line.replyTo, line.text);
    else await screen.send(line.text);
    const firstLine = line.text
      .split('\n')[0]!
      .replace(/[*_`~]/g, '')
      .slice(0, 20);
    await screens.bob.waitForMessage(firstLine);
  }
  await screens.bob.membersPanel();
  // The picture is of the conversation: no "Alice added you" notice, no message under the pointer.
  await screens.bob.page.getByRole('button', { name: 'Dismiss notice' }).click();
  await screens.bob.page.mouse.move(640, 700);
  mkdirSync(DOCS_DIR, { recursive: true });
  for (const scheme of ['light', 'dark'] as const) {
    await screens.bob.page.emulateMedia({ colorScheme: scheme });
    await screens.bob.page.waitForTimeout(300); // let the theme settle before the capture
    const file = resolve(DOCS_DIR, `screenshot-${scheme}.png`);
    await screens.bob.page.screenshot({ path: file });
    console.log(`saved ${file}`);
  }
} finally {
  await browser.close();
  await server.stop();
}
