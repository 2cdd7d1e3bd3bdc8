import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { PresenceStore } from './presence-store.js';

/**
 * What every PresenceStore must do, run against each implementation (in memory and Redis), so that
 * standalone and cluster behave alike.
 */
export function presenceStoreContract(makeStore: () => PresenceStore) {
  const ids = () => [randomUUID(), randomUUID(), randomUUID()] as const;

  it('reports online at the first socket and offline, with the rooms, at the last', async () => {
    const store = makeStore();
    const [user, roomA, roomB] = ids();
    expect(await store.addSocket(user, 's1', [roomA])).toBe(true);
    expect(await store.addSocket(user, 's2', [roomA, roomB])).toBe(false);
    expect(await store.addSocket(user, 's2', [roomA, roomB])).toBe(false); // the same socket again
    expect(await store.removeSocket(user, 's1')).toBeNull();
    expect((await store.removeSocket(user, 's2'))?.sort()).toEqual([roomA, roomB].sort());
    expect(await store.removeSocket(user, 's2')).toBeNull(); // already gone: no second "offline"
    expect(await store.addSocket(user, 's3', [])).toBe(true);
  });

  it('answers presence only for online users who share a room with the asker', async () => {
    const store = makeStore();
    const [asker, friend, stranger] = ids();
    const [shared, other] = ids();
    await store.addSocket(asker, 'a', [shared]);
    await store.addSocket(friend, 'f', [shared, other]);
    await store.addSocket(stranger, 's', [other]);
    const offline = randomUUID();
    expect(await store.onlineSharingRoom(asker, [friend, stranger, offline])).toEqual([friend]);
    expect(await store.onlineSharingRoom(asker, [])).toEqual([]);
    await store.removeSocket(friend, 'f');
    expect(await store.onlineSharingRoom(asker, [friend])).toEqual([]);
  });

  it('announces offline to the rooms as last updated, and ignores updates for offline users', async () => {
    const store = makeStore();
    const [user, before, after] = ids();
    await store.addSocket(user, 's', [before]);
    await store.setRooms(user, [after]);
    expect(await store.removeSocket(user, 's')).toEqual([after]);
    await store.setRooms(user, [before]);
    expect(await store.addSocket(user, 's', [])).toBe(true);
    expect(await store.removeSocket(user, 's')).toEqual([]);
  });
}
