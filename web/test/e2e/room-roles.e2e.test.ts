import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { registerVerified } from './support/api-seeder';
import { ChatDriver, eventually, newPerson, type TestPerson } from './support/chat-driver';
import { launchChromium } from './support/chromium';
import { glyphProblems } from './support/glyph-free-controls';
import { screenshotFailure } from './support/screenshots';
import { startStandalone, type RunningStandalone } from './support/standalone-server';

const DESKTOP = { width: 1280, height: 800 };

interface Person {
  context: BrowserContext;
  page: Page;
  app: ChatDriver;
}

/**
 * Issue 8: roles in the UI (an owner grants and revokes admin, hands the room on and leaves) and notices
 * of what others did ("Alice added you to Team", "Alice deleted the room Team"), as two people see them.
 * Each test makes its own room, so one failing step does not hide the others.
 */
describe('room roles and notices', () => {
  let server: RunningStandalone;
  let browser: Browser;
  let alice: Person;
  let bob: Person;

  const signIn = async (person: TestPerson): Promise<Person> => {
    const context = await browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    const app = new ChatDriver(page, server.url);
    await app.login(person);
    return { context, page, app };
  };
  const notices = (person: Person) => person.page.getByRole('status', { name: 'Notices' });
  const roomOptions = async (person: Person) => {
    await person.page.getByRole('button', { name: 'Room options' }).click();
    const menu = person.page.getByRole('menu', { name: 'Room options' });
    // Every member may leave: once that item is there, the menu shows all it will show.
    await menu.getByRole('menuitem', { name: 'Leave room' }).waitFor();
    return menu;
  };
  const closeMenu = (person: Person) => person.page.keyboard.press('Escape');
  /** Alice's room `name` with Bob in it, open on both screens. */
  const roomWithBob = async (name: string) => {
    await alice.app.createRoom(name, ['Bob']);
    await bob.app.roomLink(name).waitFor();
    await bob.app.openRoom(name);
  };

  beforeAll(async () => {
    server = await startStandalone();
    browser = await launchChromium();
    const people = [newPerson('Alice'), newPerson('Bob')];
    for (const person of people) await registerVerified(server.url, person);
    alice = await signIn(people[0]!);
    bob = await signIn(people[1]!);
  });
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') {
      await screenshotFailure(alice.page, `roles-alice-${context.task.name}`);
      await screenshotFailure(bob.page, `roles-bob-${context.task.name}`);
    }
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('tells Bob live that Alice added him, and tells Alice nothing', async () => {
    await alice.app.createRoom('Team');
    await alice.app.addMember('Bob');
    await notices(bob).getByText('Alice added you to Team').waitFor();
    await bob.app.roomLink('Team').waitFor();
    expect(
      await notices(alice)
        .getByText(/added you/)
        .count(),
    ).toBe(0);
    // The notice goes when dismissed.
    await notices(bob)
      .locator('.notice', { hasText: 'Alice added you to Team' })
      .getByRole('button', { name: 'Dismiss notice' })
      .click();
    await eventually(async () =>
      expect(await notices(bob).getByText('Alice added you to Team').count()).toBe(0),
    );
  });

  it('lets the owner make Bob an admin and a member again, live on both screens', async () => {
    await roomWithBob('Roles');
    const panel = await alice.app.membersPanel();
    const bobRow = panel.getByRole('listitem').filter({ hasText: 'Bob' });
    expect(await glyphProblems(alice.page)).toEqual([]);
    // Bob, a plain member, can neither rename nor change anyone's role.
    const bobMenu = await roomOptions(bob);
    expect(await bobMenu.getByRole('menuitem', { name: 'Rename room' }).count()).toBe(0);
    await closeMenu(bob);
    const bobPanel = await bob.app.membersPanel();
    expect(await bobPanel.getByRole('button', { name: /^Role of/ }).count()).toBe(0);

    await bobRow.getByRole('button', { name: 'Role of Bob' }).click();
    await alice.page.getByRole('menuitem', { name: 'Make admin' }).click();
    await bobRow.locator('.role-badge', { hasText: 'admin' }).waitFor();
    await notices(bob).getByText('Alice made you an admin of Roles').waitFor();
    await bobPanel
      .getByRole('listitem')
      .filter({ hasText: 'Bob (you)' })
      .locator('.role-badge', { hasText: 'admin' })
      .waitFor();
    await eventually(async () => {
      const menu = await roomOptions(bob);
      try {
        expect(await menu.getByRole('menuitem', { name: 'Rename room' }).count()).toBe(1);
      } finally {
        await closeMenu(bob);
      }
    });

    await bobRow.getByRole('button', { name: 'Role of Bob' }).click();
    await alice.page.getByRole('menuitem', { name: 'Remove admin' }).click();
    await eventually(async () => expect(await bobRow.locator('.role-badge').count()).toBe(0));
    await notices(bob).getByText('Alice removed your admin role in Roles').waitFor();
    await eventually(async () => {
      const menu = await roomOptions(bob);
      try {
        expect(await menu.getByRole('menuitem', { name: 'Rename room' }).count()).toBe(0);
      } finally {
        await closeMenu(bob);
      }
    });
  });

  it('lets the owner hand the room to Bob and leave it', async () => {
    await roomWithBob('Handover');
    await alice.app.membersPanel();
    const menu = await roomOptions(alice);
    await menu.getByRole('menuitem', { name: 'Leave room' }).click();
    const dialog = alice.page.getByRole('alertdialog', { name: 'Leave Handover?' });
    const heir = dialog.getByRole('radio', { name: 'Bob' });
    await heir.waitFor();
    expect(await heir.isChecked()).toBe(true);
    await dialog.getByRole('button', { name: 'Make owner and leave' }).click();

    await eventually(async () => expect(await alice.app.roomLink('Handover').count()).toBe(0));
    await notices(bob).getByText('Alice made you the owner of Handover').waitFor();
    const bobPanel = await bob.app.membersPanel();
    const bobRow = bobPanel.getByRole('listitem').filter({ hasText: 'Bob (you)' });
    await bobRow.locator('.role-badge', { hasText: 'owner' }).waitFor();
    await eventually(async () =>
      expect(await bobPanel.getByRole('listitem').filter({ hasText: 'Alice' }).count()).toBe(0),
    );
    await bob.page.getByRole('button', { name: '1 member' }).waitFor();
    const bobMenu = await roomOptions(bob);
    await bobMenu.getByRole('menuitem', { name: 'Delete room' }).waitFor();
    await closeMenu(bob);
  });

  it('lets the owner make Bob owner from the members panel, staying as an admin', async () => {
    await roomWithBob('Crown');
    const panel = await alice.app.membersPanel();
    const bobRow = panel.getByRole('listitem').filter({ hasText: 'Bob' });
    await bobRow.getByRole('button', { name: 'Role of Bob' }).click();
    await alice.page.getByRole('menuitem', { name: 'Make owner' }).click();
    await alice.page
      .getByRole('alertdialog', { name: 'Make Bob the owner?' })
      .getByRole('button', { name: 'Make owner' })
      .click();
    await bobRow.locator('.role-badge', { hasText: 'owner' }).waitFor();
    await panel
      .getByRole('listitem')
      .filter({ hasText: 'Alice (you)' })
      .locator('.role-badge', { hasText: 'admin' })
      .waitFor();
    await notices(bob).getByText('Alice made you the owner of Crown').waitFor();
    // Alice, an admin now, no longer manages roles or deletes the room.
    expect(await panel.getByRole('button', { name: /^Role of/ }).count()).toBe(0);
    const menu = await roomOptions(alice);
    expect(await menu.getByRole('menuitem', { name: 'Delete room' }).count()).toBe(0);
    await closeMenu(alice);
  });

  it('tells the members of a deleted room who deleted it', async () => {
    await roomWithBob('Doomed');
    const menu = await roomOptions(alice);
    await menu.getByRole('menuitem', { name: 'Delete room' }).click();
    await alice.page.getByRole('alertdialog').getByRole('button', { name: 'Delete room' }).click();
    await notices(bob).getByText('Alice deleted the room Doomed').waitFor();
    await eventually(async () => expect(await bob.app.roomLink('Doomed').count()).toBe(0));
    expect(
      await notices(alice)
        .getByText(/deleted the room/)
        .count(),
    ).toBe(0);
  });
});
