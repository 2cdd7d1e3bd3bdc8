import type { FastifyBaseLogger as Logger } from 'fastify';
import type { RedisClient } from '@livechat/server-kit';
import type { OfflineListener } from './presence-store.js';
import type { RedisPresenceStore } from './redis-presence-store.js';

/**
 * Timing that keeps a dead replica's users "online" for at most `ttlSeconds`: the liveness key lives
 * 2/3 of it, and every replica sweeps every 1/6 of it, so the worst case (killed just after a heartbeat)
 * is 2/3 + 1/6 = 5/6 of the bound — 25 s of 30 — leaving room for a slow sweep.
 */
export function livenessTiming(ttlSeconds: number) {
  const intervalMs = Math.floor((ttlSeconds * 1000) / 6);
  return { intervalMs, keyTtlMs: ttlSeconds * 1000 - 2 * intervalMs };
}

/**
 * The heartbeat of this replica and the sweeper that every replica runs: a replica that stops
 * heartbeating (SIGKILL, power loss, partition) has its sockets removed from the presence map by whichever
 * live replica notices first, and users left with no socket are announced offline — once, by that one.
 */
export class PresenceLiveness {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private readonly timing: ReturnType<typeof livenessTiming>;

  constructor(
    private readonly redis: RedisClient,
    private readonly store: RedisPresenceStore,
    ttlSeconds: number,
    private readonly onOffline: OfflineListener,
    private readonly logger: Logger,
  ) {
    this.timing = livenessTiming(ttlSeconds);
  }

  /** Clears what a previous process under this instance id left behind, then heartbeats and sweeps. */
  async start(): Promise<void> {
    await this.sweepInstance(this.store.instanceId);
    await this.heartbeat();
    this.timer = setInterval(() => {
      this.running ??= this.tick().finally(() => (this.running = undefined));
    }, this.timing.intervalMs);
    this.timer.unref();
  }

  /**
   * Stops heartbeating and drops the liveness key: the other replicas sweep this one's entries at their
   * next tick, so users who reconnected elsewhere stay online without a flicker and the rest go offline.
   */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
    await this.redis.del(this.store.keys.alive(this.store.instanceId)).catch(() => undefined);
  }

  async heartbeat(): Promise<void> {
    const { keys, instanceId } = this.store;
    await this.redis
      .multi()
      .set(keys.alive(instanceId), '1', { expiration: { type: 'PX', value: this.timing.keyTtlMs } })
      .sAdd(keys.instances, instanceId)
      .exec();
  }

  /** Sweeps every registered replica whose liveness key has expired. */
  async sweep(): Promise<void> {
    const { keys, instanceId } = this.store;
    for (const other of await this.redis.sMembers(keys.instances)) {
      if (other === instanceId) continue;
      if ((await this.redis.exists(keys.alive(other))) === 0) await this.sweepInstance(other);
    }
  }

  private async tick(): Promise<void> {
    try {
      await this.heartbeat();
      await this.sweep();
    } catch (error) {
      // Redis is down: the link's recovery re-registers this replica; nothing to do until then.
      this.logger.debug({ err: error }, 'presence heartbeat or sweep failed');
    }
  }

  private async sweepInstance(deadId: string): Promise<void> {
    const { keys } = this.store;
    const users = await this.redis.sMembers(keys.instanceUsers(deadId));
    for (const userId of users) {
      const rooms = await this.store.sweepUser(userId, deadId);
      if (rooms) this.onOffline(userId, rooms);
    }
    await this.redis.multi().del(keys.instanceUsers(deadId)).sRem(keys.instances, deadId).exec();
    if (users.length > 0 && deadId !== this.store.instanceId)
      this.logger.info({ instance: deadId, users: users.length }, 'swept the presence of a dead gateway');
  }
}
