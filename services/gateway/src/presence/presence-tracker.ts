import type { FastifyBaseLogger as Logger } from 'fastify';
import type { GatewayMetrics } from '../gateway-metrics.js';
import { isRoomChannel } from '@livechat/protocol';
import { roomIdsOf } from '../room-subscriptions.js';
import type { GatewayServer, GatewaySocket } from '../socket-types.js';
import { PresenceBatch } from './presence-batch.js';
import type { PresenceStore } from './presence-store.js';

/**
 * Keeps the presence store in step with this replica's sockets and announces transitions to the rooms of
 * the user (so only people who share a room hear them), once per transition, by whichever socket or
 * sweeper caused it — coalesced per room over `batchMs` (presence-batch.ts). Store calls of one socket
 * run in order.
 */
export class PresenceTracker {
  private readonly pending = new Map<string, Promise<unknown>>();
  private readonly registered = new Map<string, GatewaySocket>();
  private readonly roomUpdates = new Set<string>();
  private readonly batch: PresenceBatch;
  private draining = false;

  constructor(
    private readonly io: GatewayServer,
    private readonly store: PresenceStore,
    private readonly metrics: GatewayMetrics,
    private readonly logger: Logger,
    batchMs: number,
  ) {
    this.batch = new PresenceBatch(io, batchMs);
    // Membership changes the API applies (socketsJoin / socketsLeave) update the rooms we announce to.
    const adapter = io.of('/').adapter;
    const onRoomChange = (room: string, socketId: string) => {
      const socket = this.registered.get(socketId);
      if (socket?.connected && isRoomChannel(room)) this.scheduleRoomsUpdate(socket);
    };
    adapter.on('join-room', onRoomChange);
    adapter.on('leave-room', onRoomChange);
  }

  /** The socket is subscribed to its rooms: record it, and announce the user if they just came online. */
  socketReady(socket: GatewaySocket): void {
    this.registered.set(socket.id, socket);
    this.inOrder(socket.id, () => this.register(socket));
  }

  /** The socket is closing (its rooms still readable): forget it, and announce if that was their last. */
  socketClosing(socket: GatewaySocket): void {
    if (!this.registered.delete(socket.id) || this.draining) return;
    const { userId } = socket.data;
    this.inOrder(socket.id, async () => {
      const rooms = await this.store.removeSocket(userId, socket.id);
      if (rooms) this.announce(userId, rooms, false);
    });
  }

  /** After a Redis restart or partition, write again every socket this replica holds. */
  reregisterAll(): void {
    for (const socket of this.registered.values()) this.inOrder(socket.id, () => this.register(socket));
  }

  /**
   * Draining: sockets closing from now on keep their entries, which the other replicas' sweepers remove
   * once this one stops heartbeating — users who reconnected elsewhere meanwhile never flicker offline.
   */
  drain(): void {
    this.draining = true;
    this.batch.flush();
  }

  /** The server is closing: announce what is still pending, and anything later at once. */
  close(): void {
    this.batch.close();
  }

  /** Tells the people in `roomIds` that `userId` came online or went offline. */
  announce(userId: string, roomIds: string[], online: boolean): void {
    this.metrics.presence(online);
    this.batch.add(userId, roomIds, online);
  }

  private async register(socket: GatewaySocket): Promise<void> {
    if (!socket.connected) return;
    const rooms = roomIdsOf(socket);
    if (await this.store.addSocket(socket.data.userId, socket.id, rooms))
      this.announce(socket.data.userId, rooms, true);
  }

  private scheduleRoomsUpdate(socket: GatewaySocket): void {
    // A membership change arrives as one join/leave per socket of the user: write the rooms once.
    const { userId } = socket.data;
    if (this.roomUpdates.has(userId)) return;
    this.roomUpdates.add(userId);
    setImmediate(() => {
      this.roomUpdates.delete(userId);
      if (socket.connected) this.inOrder(socket.id, () => this.store.setRooms(userId, roomIdsOf(socket)));
    });
  }

  private inOrder(socketId: string, work: () => Promise<unknown>): void {
    const previous = this.pending.get(socketId) ?? Promise.resolve();
    const next = previous
      .then(work)
      .catch((error: unknown) => this.logger.warn({ err: error }, 'presence update failed'));
    this.pending.set(socketId, next);
    void next.finally(() => {
      if (this.pending.get(socketId) === next) this.pending.delete(socketId);
    });
  }
}
