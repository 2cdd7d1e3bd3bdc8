import { AccessTokenError, type VerifyAccessToken } from '@livechat/access-token';
import { HandshakeAuth, PROTOCOL_VERSION, type ErrorCode, type HandshakeRefusal } from '@livechat/protocol';
import { Compile } from 'typebox/compile';
import type { FastifyBaseLogger as Logger } from 'fastify';
import type { RevokedSessions } from '@livechat/server-kit';
import type { ClientQuotas } from './client-quotas.js';
import type { GatewayMetrics } from './gateway-metrics.js';
import type { SessionLoadGate } from './session-load-gate.js';
import { SESSION_REVOKED_MESSAGE } from './session-revocation.js';
import type { GatewaySocket } from './socket-types.js';

const checkAuth = Compile(HandshakeAuth);

class Refusal extends Error {
  readonly data: HandshakeRefusal;
  constructor(code: ErrorCode, message: string, retryAfterMs?: number) {
    super(message);
    this.data = retryAfterMs === undefined ? { code, message } : { code, message, retryAfterMs };
  }
}

export interface HandshakeOptions {
  allowedOrigins: string[];
  verifyToken: VerifyAccessToken;
  /** Sessions ended by logout, password reset or change, or a reused refresh token. */
  revokedSessions: RevokedSessions;
  isDraining: () => boolean;
  /** Admitted sockets hold a slot until their rooms are loaded (socket-lifecycle.ts gives it back). */
  sessionLoads: SessionLoadGate;
  /** Sockets per user and per address; a place is held until the connection closes. */
  quotas: ClientQuotas;
  metrics: GatewayMetrics;
  logger: Logger;
}

/**
 * Socket.IO middleware that admits a socket or refuses it with a coded `connect_error`: the Origin must
 * be allowed (a page elsewhere cannot ride the user's session), the client must speak our
 * PROTOCOL_VERSION, and the access token must verify, belong to a session that was not revoked and to a
 * verified email address; the user and the address must have a socket left of their quotas. Last, a
 * slot among the session loads in flight: when they are all taken the socket is refused `unavailable`
 * with `retryAfterMs`, a refusal the client retries later (shedding, rather than timing out a queue).
 *
 * The Origin is checked here rather than in Engine.IO's `allowRequest`: a refusal there fails the
 * WebSocket upgrade with a bare HTTP status that browsers hide, while a refusal here reaches the client
 * with its code. Either way the socket never receives an event.
 */
export function handshake(options: HandshakeOptions) {
  const origins = new Set(options.allowedOrigins);
  const decide = async (socket: GatewaySocket): Promise<Refusal | null> => {
    if (options.isDraining()) return new Refusal('unavailable', 'This server is restarting; reconnect');
    const origin = socket.handshake.headers.origin;
    if (!origin || !origins.has(origin))
      return new Refusal(
        'origin_not_allowed',
        `Sockets may not be opened from ${origin ?? 'an unknown origin'}`,
      );
    const auth: unknown = socket.handshake.auth;
    if (!checkAuth.Check(auth)) {
      const version = (auth as { protocolVersion?: unknown } | null)?.protocolVersion;
      if (typeof version === 'number' && version !== PROTOCOL_VERSION) return mismatch(version);
      return new Refusal('unauthenticated', 'Connect with auth: { token, protocolVersion }');
    }
    if (auth.protocolVersion !== PROTOCOL_VERSION) return mismatch(auth.protocolVersion);
    try {
      const verified = await options.verifyToken(auth.token);
      if (options.revokedSessions.has(verified.sessionId))
        return new Refusal('unauthenticated', SESSION_REVOKED_MESSAGE);
      if (!verified.emailVerified)
        return new Refusal('email_not_verified', 'Verify your email address before chatting');
      const address = options.quotas.addressOf(socket);
      const overQuota = options.quotas.admit(verified.userId, address);
      if (overQuota) return new Refusal('rate_limited', overQuota);
      releaseOnClose(socket, options.quotas, verified.userId, address);
      if (!options.sessionLoads.tryEnter(socket.id))
        return new Refusal(
          'unavailable',
          'Too many connections at once; try again shortly',
          options.sessionLoads.retryAfterMs,
        );
      socket.data.userId = verified.userId;
      socket.data.sessionId = verified.sessionId;
      socket.data.expiresAtMs = verified.expiresAt.getTime();
      socket.data.displayName = verified.displayName;
      return null;
    } catch (error) {
      if (error instanceof AccessTokenError) return new Refusal(error.code, error.message);
      throw error;
    }
  };

  return (socket: GatewaySocket, next: (error?: Error) => void) => {
    decide(socket).then(
      (refusal) => {
        if (refusal) options.metrics.refused(refusal.data.code);
        next(refusal ?? undefined);
      },
      (error: unknown) => {
        options.logger.error({ err: error }, 'handshake failed');
        options.metrics.refused('internal');
        next(new Refusal('internal', 'Could not check your credentials; try again'));
      },
    );
  };
}

/**
 * Gives the socket's quota place back when its connection closes: on the engine connection, not on
 * `disconnect`, which a socket closed before `connection` never emits. Its own function, so the listener
 * keeps these three values alive for the connection's life rather than the handshake's whole scope (the
 * verified token, the auth payload), as a closure written inline would.
 */
function releaseOnClose(socket: GatewaySocket, quotas: ClientQuotas, userId: string, address: string): void {
  // The token check is awaited: the connection may have closed meanwhile, and would never say so again.
  if (socket.conn.readyState === 'closed') return quotas.release(userId, address);
  // `once`: listening with `on` instead (to save the wrapper) made the browser journey's typing step fail
  // in both modes (clean-clone CI of fc5f8dd); not traced further.
  socket.conn.once('close', () => quotas.release(userId, address));
}

const mismatch = (version: number) =>
  new Refusal(
    'protocol_mismatch',
    `This app speaks protocol ${version}, the server ${PROTOCOL_VERSION}: reload the page`,
  );
