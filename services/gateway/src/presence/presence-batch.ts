import { PRESENCE_CHANGES_MAX, roomChannel, type PresenceChange } from '@livechat/protocol';
import type { GatewayServer } from '../socket-types.js';

export interface PresenceBatchTiming {
  /** How long a change waits for others to join it in a quiet room. */
  windowMs: number;
  /** The least time between two events to one room: a busy room hears its changes at this pace. */
  roomSpacingMs: number;
}

/**
 * Coalesces presence announcements per room: a change waits `windowMs`, then the room hears ONE
 * `presence` event listing every user whose state changed meanwhile, the latest state per user winning;
 * a room that heard one less than `roomSpacingMs` ago waits until that much has passed.
 * Why: one event per transition to all of the user's rooms made a crowd of N connects into rooms of 100
 * write ~100·N frames — half the gateway's CPU per connect — and a window alone still sent a filling
 * room one event per window to each of its sockets, each a frame (a syscall) of its own. The spacing
 * bounds the frames per socket to one per `roomSpacingMs` per room, however many people come and go,
 * while a single change in a quiet room is still heard within `windowMs`. Batching only delays
 * announcements: who transitions is still decided once, by the store's scripts.
 */
export class PresenceBatch {
  /** roomId → userId → latest state, in arrival order. */
  private readonly pending = new Map<string, Map<string, boolean>>();
  /** roomId → when it last heard an event, for rooms that heard one within the spacing. */
  private readonly lastSent = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private immediate = false;

  constructor(
    private readonly io: GatewayServer,
    private readonly timing: PresenceBatchTiming,
    private readonly now: () => number = Date.now,
  ) {}

  /** Queues `userId` turning `online` (or offline) for each of `roomIds`. */
  add(userId: string, roomIds: readonly string[], online: boolean): void {
    for (const roomId of roomIds) {
      let changes = this.pending.get(roomId);
      if (!changes) this.pending.set(roomId, (changes = new Map<string, boolean>()));
      // Delete first so a user's latest change also takes the latest place in the order.
      changes.delete(userId);
      changes.set(userId, online);
    }
    if (this.immediate || this.timing.windowMs === 0) this.flush();
    else this.timer ??= setTimeout(() => this.sendDue(), this.timing.windowMs);
  }

  /** Sends everything pending now, spacing or not (draining, closing). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const [roomId, byUser] of this.pending) this.send(roomId, byUser, this.now());
    this.pending.clear();
  }

  /** Shutting down: send what is pending, and from now on announce at once (no timer outlives the server). */
  close(): void {
    this.immediate = true;
    this.flush();
  }

  /** Sends the rooms whose spacing has passed; the others wait for the earliest of them to be due. */
  private sendDue(): void {
    this.timer = null;
    const now = this.now();
    let nextDue = Infinity;
    for (const [roomId, last] of this.lastSent)
      if (now - last >= this.timing.roomSpacingMs) this.lastSent.delete(roomId);
    for (const [roomId, byUser] of this.pending) {
      const last = this.lastSent.get(roomId);
      if (last !== undefined) {
        nextDue = Math.min(nextDue, last + this.timing.roomSpacingMs);
        continue;
      }
      this.send(roomId, byUser, now);
      this.pending.delete(roomId);
    }
    if (this.pending.size > 0) this.timer = setTimeout(() => this.sendDue(), Math.max(1, nextDue - now));
  }

  private send(roomId: string, byUser: Map<string, boolean>, now: number): void {
    const changes: PresenceChange[] = [...byUser].map(([userId, online]) => ({ userId, online }));
    for (let start = 0; start < changes.length; start += PRESENCE_CHANGES_MAX)
      this.io
        .to(roomChannel(roomId))
        .emit('presence', { roomId, changes: changes.slice(start, start + PRESENCE_CHANGES_MAX) });
    if (this.timing.roomSpacingMs > 0) this.lastSent.set(roomId, now);
  }
}
