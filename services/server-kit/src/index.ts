export { serverOptions, LISTEN_BACKLOG, REDACTED_PATHS, type ServerOptionsInput } from './server-options.js';
export { default as operations, type OperationsOptions } from './operations.js';
export { MetricsSettings } from './metrics-settings.js';
export {
  CONTENT_SECURITY_POLICY,
  DEFAULT_CACHE_CONTROL,
  SECURITY_HEADERS,
  STRICT_TRANSPORT_SECURITY,
  securityHeaders,
  type SecurityHeadersOptions,
} from './security-headers.js';
export { connectRedis, type RedisClient } from './redis-client.js';
export { closeOnSignals } from './shutdown.js';
export { roomShardedAdapter } from './room-sharded-adapter.js';
export { LogLevel } from './log-level.js';
export { memoryRevokedSessions, type RevokedSession, type RevokedSessions } from './revoked-sessions.js';
export { redisRevokedSessions, revokedSessionsKey } from './redis-revoked-sessions.js';
