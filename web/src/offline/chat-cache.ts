import type { RoomSnapshot } from '@livechat/client';
import type { ChatSnapshot } from '../chat/chat-snapshot';
import type { ChatStore } from '../chat/chat-store';
import type { SessionStore } from '../session/session-store';
import { deviceDb, keysOfUser, type DeviceDb } from './device-db';
import { savedOutbox } from './outbox';
import { signedInAs } from './saved-session';
import { toRoomSnapshot, toSavedMessages } from './saved-view';

/** A burst of events costs one write; short enough that a quick reload finds what was on screen. */
const FLUSH_DELAY_MS = 200;

/**
 * Keeps the chat of the signed-in person on this device: on start it seeds the store with the saved room
 * list, the saved latest messages of each room and the outbox (shown at once, also offline); then it
 * saves the room list as the server tells it and the latest messages of every open room as the client
 * library holds them. It only reads the store's snapshots and never feeds the client library: coming back
 * online, the library opens each room from the server and catches up as it always does, and its snapshot
 * replaces the saved one. Returns what stops it (pending writes are dropped: the session may be ending).
 */
export function keepChatOnDevice(store: ChatStore, session: SessionStore): () => void {
  const userId = store.me.id;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let writtenRooms: ChatSnapshot['rooms'] | null = null;
  const writtenViews = new Map<string, RoomSnapshot>();

  const restore = async () => {
    const db = await deviceDb();
    if (!db) return;
    const [rooms, messages, outbox] = await Promise.all([
      db.get('rooms', userId).catch(() => undefined),
      db.getAll('messages', keysOfUser(userId)).catch(() => []),
      savedOutbox(userId),
    ]);
    if (stopped) return;
    const views = messages.map(toRoomSnapshot);
    for (const view of views) writtenViews.set(view.roomId, view);
    store.seed(rooms?.rooms ?? null, views);
    store.restoreOutbox(outbox);
  };

  const flush = async () => {
    timer = undefined;
    const snapshot = store.getSnapshot();
    // Rooms seeded from the device are not the server's word yet; a list that failed to load is no list.
    const rooms = snapshot.status === 'ready' && !snapshot.fromDevice ? snapshot.rooms : null;
    const changedViews = [...snapshot.views.values()].filter(
      (view) => writtenViews.get(view.roomId) !== view && snapshot.rooms.has(view.roomId),
    );
    if ((!rooms || rooms === writtenRooms) && changedViews.length === 0) return;
    const db = await deviceDb();
    if (!db || stopped || !signedInAs(session, userId)) return;
    try {
      await write(db, rooms, changedViews);
    } catch {
      return; // Not saved this time; the next change tries again.
    }
    if (rooms) writtenRooms = rooms;
    for (const view of changedViews) writtenViews.set(view.roomId, view);
  };

  const write = async (db: DeviceDb, rooms: ChatSnapshot['rooms'] | null, views: RoomSnapshot[]) => {
    const tx = db.transaction(['rooms', 'messages'], 'readwrite');
    const messages = tx.objectStore('messages');
    const newRooms = rooms && rooms !== writtenRooms ? rooms : null;
    // Read first, then write without awaiting between requests, so no request fails unobserved.
    const keys = newRooms ? await messages.getAllKeys(keysOfUser(userId)) : [];
    const writes: Promise<unknown>[] = views.map((view) => messages.put(toSavedMessages(userId, view)));
    if (newRooms) {
      writes.push(tx.objectStore('rooms').put({ userId, rooms: [...newRooms.values()] }));
      // Rooms I left, or that were deleted, leave the device too.
      for (const key of keys) if (!newRooms.has(key[1])) writes.push(messages.delete(key));
    }
    await Promise.all([...writes, tx.done]);
  };

  const schedule = () => {
    timer ??= setTimeout(() => void flush(), FLUSH_DELAY_MS);
  };
  const flushNow = () => {
    clearTimeout(timer);
    void flush();
  };
  const unsubscribe = store.subscribe(schedule);
  window.addEventListener('pagehide', flushNow);
  void restore();
  return () => {
    stopped = true;
    clearTimeout(timer);
    unsubscribe();
    window.removeEventListener('pagehide', flushNow);
  };
}
