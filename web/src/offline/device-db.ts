import type { Message, QuotedMessage, RoomSummary, SessionUser } from '@livechat/protocol';
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

/** The rooms list of one user as last read from the server. */
export interface SavedRooms {
  userId: string;
  rooms: RoomSummary[];
}

/** The latest messages of one room, as one user last saw them. */
export interface SavedMessages {
  userId: string;
  roomId: string;
  messages: Message[];
  hasOlder: boolean;
}

/** A message typed but not yet stored by the server, kept until the server confirms it or it is discarded. */
export interface OutboxEntry {
  userId: string;
  clientId: string;
  roomId: string;
  body: string;
  replyTo: QuotedMessage | null;
  createdAt: string;
}

interface DeviceSchema extends DBSchema {
  /** One record, `current`: who signed in last on this browser, to show their saved chat while offline. */
  session: { key: 'current'; value: SessionUser };
  rooms: { key: string; value: SavedRooms };
  messages: { key: [string, string]; value: SavedMessages };
  outbox: { key: [string, string]; value: OutboxEntry };
}

export type DeviceDb = IDBPDatabase<DeviceSchema>;

const DB_NAME = 'livechat-device';

let opening: Promise<DeviceDb | null> | null = null;

/**
 * The browser's IndexedDB database for what this device keeps of a signed-in person, or null where
 * IndexedDB cannot be opened (some private modes): the app then works as before, online only.
 * Every record is keyed by user id first, so one person's data is never shown to another and
 * {@link wipeUser} removes all of it with one key range per store.
 */
export function deviceDb(): Promise<DeviceDb | null> {
  opening ??= openDB<DeviceSchema>(DB_NAME, 1, {
    upgrade(db) {
      db.createObjectStore('session');
      db.createObjectStore('rooms', { keyPath: 'userId' });
      db.createObjectStore('messages', { keyPath: ['userId', 'roomId'] });
      db.createObjectStore('outbox', { keyPath: ['userId', 'clientId'] });
    },
  }).catch(() => null);
  return opening;
}

/** Every key `[userId, …]`: arrays sort after strings, so `[userId, []]` is above any `[userId, id]`. */
export function keysOfUser(userId: string): IDBKeyRange {
  return IDBKeyRange.bound([userId], [userId, []]);
}

/** Removes everything this device holds for the user (logout, or the server ended the session). */
export async function wipeUser(userId: string): Promise<void> {
  const db = await deviceDb();
  if (!db) return;
  const tx = db.transaction(['session', 'rooms', 'messages', 'outbox'], 'readwrite');
  const session = tx.objectStore('session');
  const current = await session.get('current');
  await Promise.all([
    current?.id === userId ? session.delete('current') : undefined,
    tx.objectStore('rooms').delete(userId),
    tx.objectStore('messages').delete(keysOfUser(userId)),
    tx.objectStore('outbox').delete(keysOfUser(userId)),
    tx.done,
  ]);
}
