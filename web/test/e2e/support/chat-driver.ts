import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';

/** A person the suite registers: unique per run so suites can share a server. */
export interface TestPerson {
  displayName: string;
  email: string;
  password: string;
}

export function newPerson(name: string): TestPerson {
  const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  return {
    displayName: name,
    email: `${name.toLowerCase()}-${tag}@example.com`,
    password: `pw-${tag}-long-enough`,
  };
}

/** Waits (polling) until `check` passes; for what the app shows after a network round trip. */
export async function eventually(check: () => Promise<void> | void, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** Drives the app as a person would: through labels, roles and buttons, never through internals. */
export class ChatDriver {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  async register(person: TestPerson): Promise<void> {
    await this.page.goto(`${this.baseUrl}/register`);
    await this.page.getByLabel('Your name').fill(person.displayName);
    await this.page.getByLabel('Email').fill(person.email);
    await this.page.getByLabel('Password').fill(person.password);
    await this.page.getByRole('button', { name: 'Create account' }).click();
    await this.page.getByRole('heading', { name: 'Check your mail' }).waitFor();
  }

  /** Opens the dev mailbox from the "check your mail" screen and follows the verification link. */
  async verifyThroughMailbox(): Promise<void> {
    await this.page.getByRole('link', { name: 'Open the mailbox' }).click();
    const verify = this.page.getByRole('link', { name: 'Verify my email' }).first();
    await eventually(async () => {
      if ((await verify.count()) === 0) {
        await this.page.getByRole('button', { name: 'Refresh' }).click();
        throw new Error('no verification mail yet');
      }
    });
    await verify.click();
    await this.page.getByText('Your email address is verified.').waitFor();
  }

  async login(person: TestPerson): Promise<void> {
    await this.page.goto(`${this.baseUrl}/login`);
    await this.page.getByLabel('Email').fill(person.email);
    await this.page.getByLabel('Password').fill(person.password);
    await this.page.getByRole('button', { name: 'Log in' }).click();
    await this.roomsLoaded();
  }

  /** Opens the menu under my name at the foot of the sidebar (account settings, log out). */
  async openUserMenu(): Promise<Locator> {
    const button = this.rooms().getByRole('button', { name: /, account menu$/ });
    if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
    // The menu is laid over the page (a portal at the end of <body>), named by the button that opened it.
    return this.page.getByRole('menu', { name: /, account menu$/ });
  }

  rooms(): Locator {
    return this.page.getByRole('navigation', { name: 'Rooms' });
  }

  /** Waits until the room list has been read: before that, a room missing from it says nothing. */
  async roomsLoaded(): Promise<void> {
    await this.page.locator('nav[aria-label="Rooms"]:not([aria-busy="true"])').waitFor();
  }

  roomLink(name: string): Locator {
    return this.rooms().getByRole('link', { name: new RegExp(`^${name}\\b`) });
  }

  async createRoom(name: string, members: string[] = []): Promise<void> {
    await this.page.getByRole('button', { name: 'New room' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Create a room' });
    await dialog.getByLabel('Room name').fill(name);
    for (const member of members) await this.pickPerson(dialog, member);
    // Checked in the page at the very change that shows the room: had the room appeared while the modal was
    // still open, whatever the person typed into it then would be lost (the page behind a modal is inert).
    const dialogOpenWhenShown = this.page.evaluate(
      (title) =>
        new Promise<boolean>((resolve) => {
          const observer = new MutationObserver(() => {
            const h1s = [...document.querySelectorAll('h1')];
            if (!h1s.some((h1) => h1.textContent?.trim() === title)) return;
            observer.disconnect();
            resolve(document.querySelector('[role="dialog"]') !== null);
          });
          observer.observe(document.body, { childList: true, subtree: true, characterData: true });
        }),
      name,
    );
    await dialog.getByRole('button', { name: 'Create room' }).click();
    expect(await dialogOpenWhenShown, `the create dialog was still open when room ${name} showed`).toBe(
      false,
    );
    await this.page.getByRole('heading', { name, level: 1 }).waitFor();
  }

  /** Adds someone to the open room from its member list. */
  async addMember(displayName: string): Promise<void> {
    const panel = await this.membersPanel();
    await this.pickPerson(panel, displayName);
    await panel.getByRole('button', { name: `Add ${displayName}` }).click();
    await panel.getByRole('listitem').filter({ hasText: displayName }).first().waitFor();
  }

  /** Whether `displayName` is in the open room, read from its member list once that has loaded. */
  async hasMember(displayName: string): Promise<boolean> {
    const panel = await this.membersPanel();
    const list = panel.locator('.member-list:not([aria-busy="true"])');
    await list.waitFor();
    return (await list.getByRole('listitem').filter({ hasText: displayName }).count()) > 0;
  }

  async membersPanel(): Promise<Locator> {
    const panel = this.page.getByRole('complementary', { name: 'Members' });
    // The header's toggle says whether the panel is open (it may still be rendering: asking the panel
    // itself could race it, and a click then would close it).
    const toggle = this.page.getByRole('button', { name: /^\d+ members?$/ });
    if ((await toggle.getAttribute('aria-pressed')) !== 'true') await toggle.click();
    await panel.waitFor();
    return panel;
  }

  private async pickPerson(scope: Locator, displayName: string): Promise<void> {
    await scope.getByLabel('Add people').fill(displayName);
    await scope.getByRole('button', { name: new RegExp(`^${displayName}\\s+Add$`) }).click();
  }

  async openRoom(name: string): Promise<void> {
    await this.roomLink(name).click();
    await this.page.getByRole('heading', { name, level: 1 }).waitFor();
  }

  composer(): Locator {
    return this.page.getByRole('textbox', { name: /^(Message|Edit message)/ });
  }

  async send(text: string): Promise<void> {
    await this.composer().fill(text);
    await this.composer().press('Enter');
  }

  messageList(): Locator {
    return this.page.getByRole('region', { name: /^Messages in / });
  }

  /** The article of the (last) message whose own body — not a quote of it — contains `text`. */
  message(text: string): Locator {
    const body = this.page.locator('.message-body', { hasText: text });
    return this.messageList().getByRole('article').filter({ has: body }).last();
  }

  async waitForMessage(text: string): Promise<void> {
    await this.message(text).waitFor();
  }

  /** The bodies of every message rendered (the windowed list shows the newest when at the bottom). */
  async renderedBodies(): Promise<string[]> {
    return this.messageList().locator('.message-body').allInnerTexts();
  }

  /** The room's badge as shown now, or null: read in one go, as a badge that goes between two reads would wait. */
  async unreadBadge(room: string): Promise<string | null> {
    // One read, which does not wait: asking count() then innerText() waited 30 s for a badge that cleared
    // in between, which is exactly what a test polling for it to clear expects to see.
    const [text] = await this.roomLink(room).getByTestId('unread-badge').allInnerTexts();
    return text === undefined ? null : text.replace(/\s*unread$/, '').trim();
  }

  async replyTo(text: string, reply: string): Promise<void> {
    const message = this.message(text);
    await message.hover();
    await message.getByRole('button', { name: 'Reply' }).click();
    await this.send(reply);
  }

  async edit(text: string, replacement: string): Promise<void> {
    const message = this.message(text);
    await message.hover();
    await message.getByRole('button', { name: 'Edit' }).click();
    const box = this.composer();
    await expect.poll(() => box.inputValue()).toBe(text);
    await box.fill(replacement);
    await box.press('Enter');
  }

  async deleteMessage(text: string): Promise<void> {
    const message = this.message(text);
    await message.hover();
    await message.getByRole('button', { name: 'Delete' }).click();
    await this.page.getByRole('alertdialog').getByRole('button', { name: 'Delete message' }).click();
  }
}
