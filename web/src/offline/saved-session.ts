import type { SessionUser } from '@livechat/protocol';
import type { SessionStore } from '../session/session-store';
import { deviceDb, wipeUser } from './device-db';

/** Who signed in last on this browser, if their data is still here (read by an offline boot). */
export async function savedUser(): Promise<SessionUser | null> {
  const db = await deviceDb();
  return (await db?.get('session', 'current').catch(() => undefined)) ?? null;
}

/** Whether the device may still write for this user: only while they are signed in (see {@link keepDeviceData}). */
export function signedInAs(session: SessionStore, userId: string): boolean {
  const state = session.getState();
  return state.status === 'signedIn' && state.user.id === userId;
}

/**
 * Keeps the device's data in step with the session: the person the server signed in is remembered (a
 * different person signing in wipes the previous one's data first), and a session that ends — logout,
 * revocation, a refresh refused — wipes the data of the person it belonged to. Writers check
 * {@link signedInAs} right before each write, and the session is signed out before its end is
 * told, so nothing is written back after the wipe (IndexedDB runs overlapping transactions in order).
 */
export function keepDeviceData(session: SessionStore): () => void {
  const remember = async (user: SessionUser) => {
    const previous = await savedUser();
    if (previous && previous.id !== user.id) await wipeUser(previous.id);
    const db = await deviceDb();
    if (db && signedInAs(session, user.id)) await db.put('session', user, 'current');
  };
  const stops = [
    session.onToken(() => {
      const state = session.getState();
      if (state.status === 'signedIn') void remember(state.user).catch(() => undefined);
    }),
    session.onEnded(() => {
      void savedUser()
        .then((user) => (user ? wipeUser(user.id) : undefined))
        .catch(() => undefined);
    }),
  ];
  return () => stops.forEach((stop) => stop());
}
