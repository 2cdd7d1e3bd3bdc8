import type { PresenceStore } from './presence-store.js';

/** Presence of the one standalone process: nothing outlives it, so nothing needs sweeping. */
export class MemoryPresenceStore implements PresenceStore {
  private readonly sockets = new Map<string, Set<string>>();
  private readonly rooms = new Map<string, Set<string>>();

  async addSocket(userId: string, socketId: string, roomIds: string[]): Promise<boolean> {
    const sockets = this.sockets.get(userId) ?? new Set<string>();
    const cameOnline = sockets.size === 0 && !sockets.has(socketId);
    sockets.add(socketId);
    this.sockets.set(userId, sockets);
    this.rooms.set(userId, new Set(roomIds));
    return cameOnline;
  }

  async removeSocket(userId: string, socketId: string): Promise<string[] | null> {
    const sockets = this.sockets.get(userId);
    if (!sockets?.delete(socketId) || sockets.size > 0) return null;
    this.sockets.delete(userId);
    const rooms = [...(this.rooms.get(userId) ?? [])];
    this.rooms.delete(userId);
    return rooms;
  }

  async setRooms(userId: string, roomIds: string[]): Promise<void> {
    if (this.sockets.has(userId)) this.rooms.set(userId, new Set(roomIds));
  }

  async onlineSharingRoom(askerId: string, userIds: string[]): Promise<string[]> {
    const mine = this.rooms.get(askerId) ?? new Set<string>();
    return userIds.filter((userId) => [...(this.rooms.get(userId) ?? [])].some((room) => mine.has(room)));
  }
}
