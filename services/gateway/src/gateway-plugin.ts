import fp from 'fastify-plugin';
import { Server } from 'socket.io';
import type { VerifyAccessToken } from '@livechat/access-token';
import { TYPING_FORWARD_INTERVAL_MS } from '@livechat/protocol';
import type { RedisClient, RevokedSessions } from '@livechat/server-kit';
import type { ClientEventContext } from './client-events/client-event-handler.js';
import { TypingThrottle } from './client-events/typing-throttle.js';
import { allowedOriginList, type GatewayConfig } from './config.js';
import { drainSockets } from './drain.js';
import { inProcessFanout } from './fanout/fanout.js';
import { redisFanout } from './fanout/redis-fanout.js';
import { countBroadcasts } from './broadcast-metrics.js';
import { ClientQuotas } from './client-quotas.js';
import { applyHeaderPolicyToEngine } from './engine-header-policy.js';
import { createGatewayMetrics } from './gateway-metrics.js';
import { handshake } from './handshake.js';
import { MemoryPresenceStore } from './presence/memory-presence-store.js';
import { PresenceLiveness } from './presence/presence-liveness.js';
import { PresenceTracker } from './presence/presence-tracker.js';
import { RedisPresenceStore } from './presence/redis-presence-store.js';
import { SessionLoadGate } from './session-load-gate.js';
import type { SessionSource } from './session-source.js';
import { startSocketSweep } from './socket-sweep.js';
import { socketLifecycle } from './socket-lifecycle.js';
import { releaseUpgradeRequests } from './upgrade-request-release.js';
import type { GatewayServer } from './socket-types.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The gateway's Socket.IO server; the standalone API publishes through it. */
    io: GatewayServer;
  }
}

export interface GatewayPluginOptions {
  config: GatewayConfig;
  /** Verifies access tokens with the API's public keys only. */
  verifyToken: VerifyAccessToken;
  /** Where a connecting user's room ids come from (the API, over HTTP or in-process). */
  loadSession: SessionSource;
  /** Redis for fan-out and presence across replicas; null keeps both in this process (standalone). */
  redis: RedisClient | null;
  /**
   * Sessions whose access tokens are refused at handshake, on `auth:refresh` and by the socket sweep. Its
   * owner closes it: the gateway process (on Redis), or the standalone server (shared with the API).
   */
  revokedSessions: RevokedSessions;
}

/**
 * The realtime gateway as one Fastify plugin: Socket.IO (WebSocket only) on the server's port at
 * /socket.io, the handshake, client events, presence, fan-out, metrics, readiness and the SIGTERM drain.
 * Expects the `operations` plugin.
 */
export const gatewayPlugin = fp<GatewayPluginOptions>(
  async (app, { config, verifyToken, loadSession, redis, revokedSessions }) => {
    const logger = app.log.child({ component: 'gateway' });
    const fanout = redis ? await redisFanout(redis, config.REDIS_PREFIX, logger) : inProcessFanout();
    const io: GatewayServer = new Server(app.server, {
      path: '/socket.io',
      transports: ['websocket'],
      serveClient: false,
      maxHttpBufferSize: config.SOCKET_MAX_PAYLOAD_BYTES,
      // A client has this long after the WebSocket opens to complete the Socket.IO handshake.
      connectTimeout: 10_000,
      ...(fanout.adapter ? { adapter: fanout.adapter } : {}),
    });
    applyHeaderPolicyToEngine(io);
    releaseUpgradeRequests(io);
    const metrics = createGatewayMetrics(app.metrics, () => io.of('/').sockets.size);
    countBroadcasts(io, metrics);
    // A slot is never held longer than a load may take (its timeout), with a margin.
    const sessionLoads = new SessionLoadGate(
      config.SESSION_LOADS_IN_FLIGHT,
      config.SESSION_LOAD_RETRY_MS,
      2 * config.SESSION_LOAD_TIMEOUT_MS,
    );
    const store = redis
      ? new RedisPresenceStore(redis, config.REDIS_PREFIX, config.INSTANCE_ID)
      : new MemoryPresenceStore();
    const tracker = new PresenceTracker(io, store, metrics, logger, {
      windowMs: config.PRESENCE_BATCH_MS,
      roomSpacingMs: config.PRESENCE_ROOM_SPACING_MS,
    });
    const liveness =
      redis && store instanceof RedisPresenceStore
        ? new PresenceLiveness(
            redis,
            store,
            config.PRESENCE_TTL_SECONDS,
            (userId, rooms) => tracker.announce(userId, rooms, false),
            logger,
          )
        : null;
    const context: ClientEventContext = {
      io,
      verifyToken,
      revokedSessions,
      presence: store,
      typing: new TypingThrottle(TYPING_FORWARD_INTERVAL_MS),
    };
    const quotas = new ClientQuotas({
      socketsPerUser: config.SOCKETS_PER_USER,
      socketsPerAddress: config.SOCKETS_PER_ADDRESS,
      eventsPer10s: config.SOCKET_EVENTS_PER_10S,
      trustProxy: config.TRUST_PROXY,
    });
    let draining = false;

    io.use(
      handshake({
        allowedOrigins: allowedOriginList(config),
        verifyToken,
        revokedSessions,
        isDraining: () => draining,
        sessionLoads,
        quotas,
        metrics,
        logger,
      }),
    );
    io.on(
      'connection',
      socketLifecycle({ config, context, quotas, loadSession, sessionLoads, tracker, metrics, logger }),
    );
    fanout.onRecovered(() => {
      io.local.emit('resync', { reason: 'redis-reconnected' });
      liveness?.heartbeat().catch(() => undefined);
      tracker.reregisterAll();
    });

    app.decorate('io', io);
    app.addReadinessCheck('accepting-sockets', async () => !draining);
    if (redis) app.addReadinessCheck('redis', () => fanout.isReachable());
    const stopSweep = startSocketSweep(io, {
      intervalMs: config.SOCKET_SWEEP_MS,
      maxBufferedBytes: config.SOCKET_MAX_BUFFERED_BYTES,
      revokedSessions,
      metrics,
      logger,
    });
    app.addHook('onReady', async () => liveness?.start());
    app.addHook('preClose', async () => {
      draining = true;
      tracker.drain();
      await drainSockets(io, config.SHUTDOWN_GRACE_MS / 2);
      await liveness?.stop();
    });
    app.addHook('onClose', async () => {
      stopSweep();
      tracker.close();
      await io.close();
      await fanout.close();
    });
  },
  { name: 'livechat-gateway', dependencies: ['operations'] },
);
