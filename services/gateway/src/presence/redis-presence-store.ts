import type { RedisClient } from '@livechat/server-kit';
import { presenceKeys, type PresenceKeys } from './presence-keys.js';
import { ADD_SOCKET, REMOVE_SOCKET, SET_ROOMS, SWEEP_USER, offlineRooms } from './presence-scripts.js';
import type { PresenceStore } from './presence-store.js';

/**
 * Presence shared by every gateway replica through Redis. Each entry names the replica holding the socket;
 * `PresenceLiveness` removes the entries of replicas that stopped heartbeating.
 */
export class RedisPresenceStore implements PresenceStore {
  readonly keys: PresenceKeys;

  constructor(
    private readonly redis: RedisClient,
    redisPrefix: string,
    readonly instanceId: string,
  ) {
    this.keys = presenceKeys(redisPrefix);
  }

  async addSocket(userId: string, socketId: string, roomIds: string[]): Promise<boolean> {
    const reply = await this.redis.eval(ADD_SOCKET, {
      keys: [
        this.keys.user(userId),
        this.keys.rooms(userId),
        this.keys.instanceUsers(this.instanceId),
        this.keys.instances,
      ],
      arguments: [socketId, this.instanceId, userId, ...roomIds],
    });
    return reply === 1;
  }

  async removeSocket(userId: string, socketId: string): Promise<string[] | null> {
    const reply = await this.redis.eval(REMOVE_SOCKET, {
      keys: [this.keys.user(userId), this.keys.rooms(userId), this.keys.instanceUsers(this.instanceId)],
      arguments: [socketId, this.instanceId, userId],
    });
    return offlineRooms(reply);
  }

  async setRooms(userId: string, roomIds: string[]): Promise<void> {
    await this.redis.eval(SET_ROOMS, {
      keys: [this.keys.user(userId), this.keys.rooms(userId)],
      arguments: roomIds,
    });
  }

  async onlineSharingRoom(askerId: string, userIds: string[]): Promise<string[]> {
    if (userIds.length === 0) return [];
    const pipeline = this.redis.multi();
    // The rooms set exists only while its user is online, so a non-empty intersection answers both.
    for (const userId of userIds)
      pipeline.sInterCard([this.keys.rooms(askerId), this.keys.rooms(userId)], { LIMIT: 1 });
    const replies = await pipeline.execAsPipeline();
    return userIds.filter((_, index) => Number(replies[index]) > 0);
  }

  /** Removes the sockets a dead replica held for one user; resolves with their rooms if that made them offline. */
  async sweepUser(userId: string, deadInstanceId: string): Promise<string[] | null> {
    const reply = await this.redis.eval(SWEEP_USER, {
      keys: [this.keys.user(userId), this.keys.rooms(userId)],
      arguments: [deadInstanceId],
    });
    return offlineRooms(reply);
  }
}
