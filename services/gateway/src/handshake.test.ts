import { EventEmitter } from 'node:events';
import { memoryRevokedSessions } from '@livechat/server-kit';
import { PROTOCOL_VERSION } from '@livechat/protocol';
import { Registry } from 'prom-client';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { ClientQuotas } from './client-quotas.js';
import { createGatewayMetrics } from './gateway-metrics.js';
import { handshake } from './handshake.js';
import { SessionLoadGate } from './session-load-gate.js';
import type { GatewaySocket } from './socket-types.js';

const ORIGIN = 'http://localhost:5173';
const quotas = () =>
  new ClientQuotas({ socketsPerUser: 2, socketsPerAddress: 100, eventsPer10s: 10, trustProxy: undefined });

/** The parts of a Socket.IO socket the handshake reads; its connection closes while the token is checked. */
function socketClosingDuringCheck(id: string) {
  const conn = Object.assign(new EventEmitter(), { readyState: 'open' });
  const socket = {
    id,
    conn,
    request: { headers: {}, socket: { remoteAddress: '192.0.2.1' } },
    handshake: { headers: { origin: ORIGIN }, auth: { token: 'token', protocolVersion: PROTOCOL_VERSION } },
    data: {},
  };
  return { socket: socket as unknown as GatewaySocket, close: () => (conn.readyState = 'closed') };
}

describe('handshake', () => {
  it('gives a quota place back when the connection closed while its token was checked', async () => {
    const limits = quotas();
    let closeCurrent = () => {};
    const admit = handshake({
      allowedOrigins: [ORIGIN],
      verifyToken: async () => {
        closeCurrent(); // the client went away meanwhile: Engine.IO said `close` before anyone listened
        return {
          userId: 'u1',
          sessionId: 's1',
          emailVerified: true,
          displayName: 'U',
          expiresAt: new Date(9e12),
        };
      },
      revokedSessions: memoryRevokedSessions(),
      isDraining: () => false,
      sessionLoads: new SessionLoadGate(10, 1000, 10_000),
      quotas: limits,
      metrics: createGatewayMetrics(new Registry(), () => 0),
      logger: pino({ level: 'silent' }),
    });
    for (let attempt = 0; attempt < 5; attempt++) {
      const { socket, close } = socketClosingDuringCheck(`s${attempt}`);
      closeCurrent = close;
      await new Promise<void>((resolve) => admit(socket, () => resolve()));
    }
    // Five sockets came and went; the user (2 places) may still connect.
    expect(limits.admit('u1', '192.0.2.1')).toBeNull();
    expect(limits.admit('u1', '192.0.2.1')).toBeNull();
    expect(limits.admit('u1', '192.0.2.1')).not.toBeNull();
  });
});
