import { io, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION, type DisconnectingEvent } from '@livechat/protocol';

/** A socket as a browser tab opens it (WebSocket only, our Origin, no automatic reconnection). */
export function openSocket(baseUrl: string, origin: string | null, auth: unknown): Socket {
  return io(baseUrl, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    timeout: 10_000,
    auth: auth as Record<string, unknown>,
    ...(origin ? { extraHeaders: { origin } } : {}),
  });
}

/** Resolves once the socket is `ready` (subscribed to its rooms), or rejects with the refusal. */
export function untilReady(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('ready', () => resolve());
    socket.once('connect_error', reject);
  });
}

/**
 * One user's socket that the event cases reuse, opened again when a case got it closed (an oversized
 * packet, a session a concurrent HTTP case ended): `current` always answers a ready socket.
 */
export class SocketSession {
  private socket: Socket | null = null;
  /** Why the server closed the socket last, if it said (`connection:closing`). */
  lastClosing: DisconnectingEvent | null = null;
  /** The token the socket connected with (or last refreshed to): its session is the socket's. */
  sessionToken = '';
  /**
   * Sockets some case sent a packet past the payload cap on: the gateway closes those without a reason
   * (a transport-level close), and the cases running beside it on the same socket see that close too.
   */
  readonly carriedOversized = new WeakSet<Socket>();

  constructor(
    private readonly baseUrl: string,
    private readonly origin: string,
    private readonly token: () => string,
    private readonly repair: () => Promise<void>,
  ) {}

  async current(): Promise<Socket> {
    if (this.socket?.connected) return this.socket;
    this.socket?.disconnect();
    for (let attempt = 0; ; attempt++) {
      this.sessionToken = this.token();
      const socket = openSocket(this.baseUrl, this.origin, {
        token: this.sessionToken,
        protocolVersion: PROTOCOL_VERSION,
      });
      socket.on('connection:closing', (event: DisconnectingEvent) => (this.lastClosing = event));
      try {
        await untilReady(socket);
        this.socket = socket;
        this.lastClosing = null;
        return socket;
      } catch (error) {
        socket.disconnect();
        // The session was ended by a case (logout, password change): sign in again, then retry.
        if (attempt >= 2) throw error;
        await this.repair();
      }
    }
  }

  close(): void {
    this.socket?.disconnect();
  }
}
