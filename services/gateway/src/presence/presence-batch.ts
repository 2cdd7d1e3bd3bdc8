import { PRESENCE_CHANGES_MAX, roomChannel, type PresenceChange } from '@livechat/protocol';
import type { GatewayServer } from '../socket-types.js';

/**
 * Coalesces presence announcements per room: transitions wait up to `windowMs`, then each room hears ONE
 * `presence` event listing every user whose state changed meanwhile, the latest state per user winning.
 * Why: one event per transition to all of the user's rooms made a crowd of N connects into rooms of 100
 * write ~100·N frames — half the gateway's CPU per connect. Batching only delays announcements: who
 * transitions is still decided once, by the store's scripts.
 */
export class PresenceBatch {
  /** roomId → userId → latest state, in arrival order. */
  private readonly pending = new Map<string, Map<string, boolean>>();
  private timer: NodeJS.Timeout | null = null;
  private immediate = false;

  constructor(
    private readonly io: GatewayServer,
    private readonly windowMs: number,
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
    if (this.immediate || this.windowMs === 0) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.windowMs);
  }

  /** Sends everything pending now. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const [roomId, byUser] of this.pending) {
      const changes: PresenceChange[] = [...byUser].map(([userId, online]) => ({ userId, online }));
      for (let start = 0; start < changes.length; start += PRESENCE_CHANGES_MAX)
        this.io
          .to(roomChannel(roomId))
          .emit('presence', { roomId, changes: changes.slice(start, start + PRESENCE_CHANGES_MAX) });
    }
    this.pending.clear();
  }

  /** Shutting down: send what is pending, and from now on announce at once (no timer outlives the server). */
  close(): void {
    this.immediate = true;
    this.flush();
  }
}
