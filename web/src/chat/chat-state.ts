import type { RoomSnapshot } from '@livechat/client';
import type { Member, RoomSummary } from '@livechat/protocol';
import { INITIAL_SNAPSHOT, withEntry, type ChatSnapshot, type Notice, type RoomLoad } from './chat-snapshot';
import type { OutgoingList } from './outgoing/outgoing-messages';

/**
 * The chat snapshot as a store React subscribes to: every change replaces the snapshot with a copy that
 * differs only in what changed, and tells the subscribers. The parts of the chat (rooms, sends, presence,
 * typing) write through the named setters here.
 */
export class ChatState {
  private snapshot: ChatSnapshot = INITIAL_SNAPSHOT;
  private readonly listeners = new Set<() => void>();

  get = (): ChatSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  update(patch: Partial<ChatSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const listener of this.listeners) listener();
  }

  putRoom(room: RoomSummary): void {
    this.update({ rooms: withEntry(this.snapshot.rooms, room.id, room) });
  }

  /** Everything the app holds of a room it can no longer see (deleted, left, removed). */
  dropRoom(roomId: string): void {
    const { rooms, views, members, queued, loads } = this.snapshot;
    this.update({
      rooms: withEntry(rooms, roomId, undefined),
      views: withEntry(views, roomId, undefined),
      members: withEntry(members, roomId, undefined),
      queued: withEntry(queued, roomId, undefined),
      loads: withEntry(loads, roomId, undefined),
    });
  }

  setView(roomId: string, view: RoomSnapshot): boolean {
    if (this.snapshot.views.get(roomId) === view) return false;
    this.update({ views: withEntry(this.snapshot.views, roomId, view) });
    return true;
  }

  setMembers(roomId: string, members: readonly Member[]): void {
    this.update({ members: withEntry(this.snapshot.members, roomId, members) });
  }

  setQueued(roomId: string, list: OutgoingList): void {
    this.update({ queued: withEntry(this.snapshot.queued, roomId, list.length ? list : undefined) });
  }

  addNotice(notice: Notice): void {
    this.update({ notices: [...this.snapshot.notices, notice] });
  }

  dropNotice(id: number): void {
    this.update({ notices: this.snapshot.notices.filter((notice) => notice.id !== id) });
  }

  setLoad(roomId: string, load: RoomLoad): void {
    this.update({ loads: withEntry(this.snapshot.loads, roomId, load) });
  }
}
