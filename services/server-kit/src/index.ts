export { serverOptions, REDACTED_PATHS, type ServerOptionsInput } from './server-options.js';
export { default as operations } from './operations.js';
export { connectRedis, type RedisClient } from './redis-client.js';
export { closeOnSignals } from './shutdown.js';
export { roomShardedAdapter } from './room-sharded-adapter.js';
export { LogLevel } from './log-level.js';
export { memoryRevokedSessions, type RevokedSession, type RevokedSessions } from './revoked-sessions.js';
export { redisRevokedSessions, revokedSessionsKey } from './redis-revoked-sessions.js';
