import type { Page } from 'playwright-core';

/** How many records this device's IndexedDB holds for one user, per store (src/offline/device-db.ts). */
export interface DeviceRecords {
  /** 1 when the user is the one remembered for an offline boot. */
  session: number;
  rooms: number;
  messages: number;
  outbox: number;
  /** Bodies of the saved messages of every room, oldest first per room. */
  savedBodies: string[];
}

/**
 * Reads the app's IndexedDB from the page, as a check of what is at rest on the device (the app is not
 * asked: this is what is at rest on the machine). A database that does not exist reads as empty and is
 * not created by the check.
 */
export function deviceRecords(page: Page, userId: string): Promise<DeviceRecords> {
  return page.evaluate(async (userId) => {
    const empty = { session: 0, rooms: 0, messages: 0, outbox: 0, savedBodies: [] };
    const known = (await indexedDB.databases()).some((db) => db.name === 'livechat-device');
    if (!known) return empty;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('livechat-device');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(new Error(String(request.error)));
    });
    const read = <T>(store: string, query?: IDBValidKey | IDBKeyRange) =>
      new Promise<T[]>((resolve, reject) => {
        const request = db.transaction(store).objectStore(store).getAll(query);
        request.onsuccess = () => resolve(request.result as T[]);
        request.onerror = () => reject(new Error(String(request.error)));
      });
    const mine = IDBKeyRange.bound([userId], [userId, []]);
    const session = await read<{ id: string }>('session');
    const messages = await read<{ messages: { body: string }[] }>('messages', mine);
    const result = {
      session: session.filter((user) => user.id === userId).length,
      rooms: (await read('rooms', userId)).length,
      messages: messages.length,
      outbox: (await read('outbox', mine)).length,
      savedBodies: messages.flatMap((room) => room.messages.map((message) => message.body)),
    };
    db.close();
    return result;
  }, userId);
}

/** Resolves once a service worker controls the page (it claims its clients as soon as it is active). */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
    timeout: 30_000,
  });
}
