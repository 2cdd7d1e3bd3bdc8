import type { OutboxWriter, RestoredMessage } from '../chat/outgoing/ordered-sends';
import type { SessionStore } from '../session/session-store';
import { deviceDb, keysOfUser, type DeviceDb } from './device-db';
import { signedInAs } from './saved-session';

/**
 * The outbox on this device: every own message from the moment it is typed until the server has stored
 * it (or the person discarded it), so what was typed offline survives a reload or a browser restart and
 * is sent after it with its original clientId. Writes are fire-and-forget, in call order (IndexedDB runs
 * a store's transactions in the order they were opened); a failed write costs only the reload guarantee.
 */
export function deviceOutbox(session: SessionStore, userId: string): OutboxWriter {
  const write = async (change: (db: DeviceDb) => Promise<unknown>) => {
    const db = await deviceDb();
    if (db && signedInAs(session, userId)) await change(db).catch(() => undefined);
  };
  return {
    add: (roomId, { clientId, body, replyTo, createdAt }) =>
      void write((db) => db.put('outbox', { userId, clientId, roomId, body, replyTo, createdAt })),
    remove: (clientId) => void write((db) => db.delete('outbox', [userId, clientId])),
  };
}

/** What the outbox holds for the user, to put back in the queue on boot. */
export async function savedOutbox(userId: string): Promise<RestoredMessage[]> {
  const db = await deviceDb();
  const entries = (await db?.getAll('outbox', keysOfUser(userId)).catch(() => [])) ?? [];
  return entries.map(({ roomId, clientId, body, replyTo, createdAt }) => ({
    roomId,
    clientId,
    body,
    replyTo,
    createdAt,
  }));
}
