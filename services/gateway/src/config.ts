import { hostname } from 'node:os';
import { parsePublicKeySet, type PublicKeySet } from '@livechat/access-token';
import { ConfigError, EnvType as Type, readEnv, splitList, type Static } from '@livechat/protocol';
import { LogLevel, MetricsSettings } from '@livechat/server-kit';

/** Every variable the gateway reads, with its default. The gateway-only process also needs REDIS_URL and JWT_PUBLIC_KEYS. */
export const GatewayEnv = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3001 }),
  HOST: Type.String({ default: '127.0.0.1' }),
  ...MetricsSettings,
  /** Redis connection string: fan-out between replicas and the presence map. */
  REDIS_URL: Type.Optional(Type.String({ pattern: '^rediss?://' })),
  /** Prefix of every Redis key and pub/sub channel; must equal the API's. */
  REDIS_PREFIX: Type.String({ default: 'livechat', pattern: '^[A-Za-z0-9_.-]+$' }),
  /** Where the gateway asks, with the user's own token, which rooms a connecting user is in. */
  API_URL: Type.String({ default: 'http://127.0.0.1:3000', pattern: '^https?://' }),
  /** The API's public keys as a JWKS (JSON): the gateway verifies tokens, it never signs them. */
  JWT_PUBLIC_KEYS: Type.Optional(Type.String({ minLength: 2 })),
  /** Origins whose pages may open sockets (comma-separated). */
  ALLOWED_ORIGINS: Type.String({ default: 'http://localhost:3000' }),
  TRUST_PROXY: Type.Optional(Type.String()),
  LOG_LEVEL: LogLevel,
  /** How long SIGTERM waits for sockets to be told and closed before exiting. */
  SHUTDOWN_GRACE_MS: Type.Integer({ minimum: 0, default: 10000 }),
  /** The longest a user stays "online" after their replica died without cleaning up (SIGKILL, power loss). */
  PRESENCE_TTL_SECONDS: Type.Integer({ minimum: 3, maximum: 3600, default: 30 }),
  /**
   * How long presence transitions wait to be announced together: each room then gets one `presence` event
   * listing everyone who came or went, instead of one per user (a reconnect storm into big rooms would
   * otherwise write members × arrivals frames). 0 announces each transition at once.
   */
  PRESENCE_BATCH_MS: Type.Integer({ minimum: 0, maximum: 5000, default: 250 }),
  /** The least time between two presence events to one room: a busy room hears its changes at this pace. */
  PRESENCE_ROOM_SPACING_MS: Type.Integer({ minimum: 0, maximum: 60000, default: 2000 }),
  /**
   * Client events one user may send per 10 seconds on a replica, shared by all of their sockets (a presence
   * query costs 5, others 1): more sockets buy no more.
   */
  SOCKET_EVENTS_PER_10S: Type.Integer({ minimum: 1, default: 50 }),
  /** Sockets one user may hold on a replica (tabs and devices); one more is refused `rate_limited`. */
  SOCKETS_PER_USER: Type.Integer({ minimum: 1, default: 20 }),
  /** Sockets one client address may hold on a replica (behind nginx: X-Forwarded-For, see TRUST_PROXY). */
  SOCKETS_PER_ADDRESS: Type.Integer({ minimum: 1, default: 300 }),
  /**
   * Largest WebSocket message a client may send (Socket.IO maxHttpBufferSize); bigger ones close the socket.
   * The largest valid client event is a presence query for 500 ids (about 20 KB).
   */
  SOCKET_MAX_PAYLOAD_BYTES: Type.Integer({ minimum: 1024, default: 32 * 1024 }),
  /** A socket whose unsent outgoing data passes this is a slow consumer and is disconnected. */
  SOCKET_MAX_BUFFERED_BYTES: Type.Integer({ minimum: 16 * 1024, default: 1024 * 1024 }),
  /**
   * Connecting sockets whose rooms may be loading from the API at once; past this the handshake is
   * refused `unavailable` with a retry hint (shedding a storm beyond what one replica should hold in
   * flight, instead of timing it out). High, because each load is one lean query the API sheds itself
   * when it must: in the storm benchmark (10,000 of 20,000 clients at once over 3 replicas) a bound of
   * 64 turned 10,000 connects into 21,000 refused attempts and 46–50 s until all were ready, 1,024 into
   * 7,300 and 22 s, and 8,192 (nothing refused) into 9.3 s.
   */
  SESSION_LOADS_IN_FLIGHT: Type.Integer({ minimum: 1, default: 4096 }),
  /** The retry hint of that refusal: clients wait this long plus a random share of it. */
  SESSION_LOAD_RETRY_MS: Type.Integer({ minimum: 0, default: 500 }),
  /** How long the API may take to list a connecting user's rooms before the socket is told to come back. */
  SESSION_LOAD_TIMEOUT_MS: Type.Integer({ minimum: 100, default: 5000 }),
  /** How often one sweep over all sockets closes lapsed tokens and cuts off slow consumers. */
  SOCKET_SWEEP_MS: Type.Integer({ minimum: 10, default: 1000 }),
  /** Names this process in the presence map; must be unique among live replicas. Defaults to hostname-pid. */
  INSTANCE_ID: Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9_.:-]+$' })),
});

export type GatewayConfig = Static<typeof GatewayEnv> & { INSTANCE_ID: string };

export function loadGatewayConfig(source: Record<string, string | undefined> = process.env): GatewayConfig {
  const config = readEnv(GatewayEnv, source);
  return { ...config, INSTANCE_ID: config.INSTANCE_ID ?? `${hostname()}-${process.pid}` };
}

/** What a gateway running on its own (cluster) cannot do without: Redis and the API's public keys. */
export function requireClusterSettings(config: GatewayConfig): {
  redisUrl: string;
  publicKeys: PublicKeySet;
} {
  const missing = (name: string) =>
    new ConfigError(
      `Invalid configuration: ${name} is required to run the gateway on its own (cluster mode); use \`npm start\` for standalone.`,
    );
  if (!config.REDIS_URL) throw missing('REDIS_URL');
  if (!config.JWT_PUBLIC_KEYS) throw missing('JWT_PUBLIC_KEYS');
  try {
    return { redisUrl: config.REDIS_URL, publicKeys: parsePublicKeySet(config.JWT_PUBLIC_KEYS) };
  } catch (error) {
    throw new ConfigError(`Invalid configuration: JWT_PUBLIC_KEYS ${(error as Error).message}`);
  }
}

export const allowedOriginList = (config: GatewayConfig): string[] => splitList(config.ALLOWED_ORIGINS);
