/** Names of the presence keys in Redis, all under `${REDIS_PREFIX}:presence` (see presence-scripts.ts). */
export function presenceKeys(redisPrefix: string) {
  const base = `${redisPrefix}:presence`;
  return {
    user: (userId: string) => `${base}:user:${userId}`,
    rooms: (userId: string) => `${base}:rooms:${userId}`,
    instanceUsers: (instanceId: string) => `${base}:instance:${instanceId}`,
    alive: (instanceId: string) => `${base}:alive:${instanceId}`,
    instances: `${base}:instances`,
  };
}
export type PresenceKeys = ReturnType<typeof presenceKeys>;
