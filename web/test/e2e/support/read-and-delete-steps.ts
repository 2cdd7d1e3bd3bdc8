import type { Browser } from 'playwright-core';
import { expect, it } from 'vitest';
import { signedInApi } from './api-seeder';
import { setAttention } from './attention';
import { ChatDriver, eventually, type TestPerson } from './chat-driver';

interface Person {
  person: TestPerson;
  app: ChatDriver;
}

/** What the main flow lends these steps: its target, browser, both people and its shared-room helper. */
export interface FlowContext {
  url: () => string;
  browser: () => Browser;
  alice: () => Person;
  bob: () => Person;
  sharedRoom: (name: string) => Promise<void>;
}

const ROOM = 'Reads';

/**
 * Issue 8: what people see is what the server knows. The read marker follows what was read (live messages
 * too, only in a visible and focused window, on every device), and a deleted or edited message changes
 * everywhere it shows: in the quotes of its replies and in the room list's preview.
 */
export function readAndDeleteSteps(flow: FlowContext): void {
  const { alice, bob } = flow;
  /** Bob's row of the room as the API reports it. */
  const bobsRoomOnServer = async () => {
    const api = await signedInApi(flow.url(), bob().person);
    const { rooms } = await api.call('listRooms');
    return rooms.find((room) => room.name === ROOM)!;
  };

  it('moves the read marker on the server as messages are read live', async () => {
    await flow.sharedRoom(ROOM);
    for (const text of ['read one', 'read two', 'read three']) await alice().app.send(text);
    await bob().app.waitForMessage('read three');
    await eventually(async () => {
      const room = await bobsRoomOnServer();
      expect(room).toMatchObject({ unreadCount: 0, lastReadSeq: room.lastSeq });
    }, 3000);
    // A reload that does not open the room: its badge is the server's count.
    await bob().app.page.goto(`${flow.url()}/`);
    await bob().app.roomsLoaded();
    await bob().app.roomLink(ROOM).waitFor();
    expect(await bob().app.unreadBadge(ROOM)).toBeNull();
  });

  it('keeps the badge of a hidden or unfocused tab, and clears it on every device once read', async () => {
    const context = await flow.browser().newContext({ viewport: { width: 1280, height: 800 } });
    const other = new ChatDriver(await context.newPage(), flow.url());
    await other.login(bob().person);
    // Logging in opens the latest room, this one: the other device looks at another room instead.
    await other.openRoom('Team');
    const { page } = bob().app;
    try {
      await flow.sharedRoom(ROOM);
      await setAttention(page, { visible: false, focused: false });
      await alice().app.send('sent while hidden');
      await bob().app.waitForMessage('sent while hidden');
      await eventually(async () => expect(await other.unreadBadge(ROOM)).toBe('1'));
      // Time enough for a mark-read that should not happen; then the unfocused but visible window.
      await page.waitForTimeout(1500);
      await setAttention(page, { visible: true, focused: false });
      await page.waitForTimeout(1500);
      expect(await page.title()).toBe('(1) LiveChat');
      expect(await other.unreadBadge(ROOM)).toBe('1');
      expect(await bobsRoomOnServer()).toMatchObject({ unreadCount: 1 });
      // Back to the window: read now, and the other device's badge clears without a reload.
      await setAttention(page, { visible: true, focused: true });
      await eventually(async () => expect(await other.unreadBadge(ROOM)).toBeNull(), 5000);
      expect(await page.title()).toBe('LiveChat');
      expect(await bobsRoomOnServer()).toMatchObject({ unreadCount: 0 });
    } finally {
      await page.evaluate(() => {
        // Own properties shadowed the real ones; removing them restores the browser's.
        delete (document as { visibilityState?: unknown }).visibilityState;
        delete (document as { hidden?: unknown }).hidden;
        delete (document as { hasFocus?: unknown }).hasFocus;
      });
      await context.close();
    }
  });

  it('shows an edited or deleted parent in its quotes live, on both screens', async () => {
    await flow.sharedRoom(ROOM);
    await alice().app.send('parent to quote');
    await bob().app.waitForMessage('parent to quote');
    await bob().app.replyTo('parent to quote', 'reply quoting it');
    await alice().app.waitForMessage('reply quoting it');
    const quote = (person: Person) =>
      person.app.message('reply quoting it').getByRole('button', { name: /^Replying to Alice/ });
    await alice().app.edit('parent to quote', 'parent to quote, edited');
    for (const person of [alice(), bob()])
      await eventually(async () =>
        expect(await quote(person).innerText()).toContain('parent to quote, edited'),
      );
    await alice().app.deleteMessage('parent to quote, edited');
    for (const person of [alice(), bob()])
      await eventually(async () => {
        const text = await quote(person).innerText();
        expect(text).toContain('Message deleted');
        expect(text).not.toContain('parent to quote');
      });
  });

  it('keeps the room list preview on the last message as it is edited and deleted, live and after a reload', async () => {
    await flow.sharedRoom(ROOM);
    await bob().app.openRoom('Team');
    const preview = () => bob().app.roomLink(ROOM).locator('.room-preview').innerText();
    await alice().app.send('words before');
    await alice().app.send('last words');
    await eventually(async () => expect(await preview()).toBe('Alice: last words'));
    await alice().app.edit('last words', 'last words, edited');
    await eventually(async () => expect(await preview()).toBe('Alice: last words, edited'));
    await alice().app.deleteMessage('last words, edited');
    // The preview moves back to the message before it, live and after a reload.
    await eventually(async () => expect(await preview()).toBe('Alice: words before'));
    await bob().app.page.reload();
    await bob().app.roomsLoaded();
    expect(await preview()).toBe('Alice: words before');
    // Alice's own screen follows too (her delete's answer alone does not say what came before).
    await eventually(async () =>
      expect(await alice().app.roomLink(ROOM).locator('.room-preview').innerText()).toBe('You: words before'),
    );
  });
}
