import {
  PROTOCOL_VERSION,
  type ClientToServerEvents,
  type ErrorCode,
  type HandshakeAuth,
  type HandshakeRefusal,
  type ServerToClientEvents,
} from '@livechat/protocol';
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import { ListenerSet } from './listener-set.js';
import { reconnectDelayMs } from './reconnect-delay.js';
import type { AccessTokenSource } from './token-keeper.js';
import { unrefTimer } from './unref-timer.js';

/** The client's socket, typed by the protocol's event maps. */
export type ChatSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * `connecting` until the first `ready`; `connected` once the gateway has subscribed the socket to its
 * rooms; `reconnecting` after a loss, while trying again; `offline` once closed or the session ended.
 */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline';

export interface SocketConnectionOptions {
  /** Gateway origin; '' connects to the page's own origin (a browser behind nginx). */
  url: string;
  /** @default '/socket.io' */
  path?: string;
  session: AccessTokenSource;
  /** Extra Socket.IO options, e.g. `extraHeaders: { origin }` for a Node client. */
  socketOptions?: Partial<ManagerOptions & SocketOptions>;
}

/** Codes after which reconnecting cannot help: the session or this app is refused for good. */
const FINAL_CODES: ReadonlySet<string> = new Set<ErrorCode>([
  'unauthenticated',
  'invalid_token',
  'invalid_credentials',
  'forbidden',
  'origin_not_allowed',
  'email_not_verified',
  'protocol_mismatch',
]);

/**
 * The socket's lifecycle: handshake with the current token and PROTOCOL_VERSION (read at every attempt, so a
 * reconnect uses the refreshed token), in-band `auth:refresh` whenever the session gets a new token, and
 * what to do when the server closes the socket: `token_expired` → refresh, then reconnect; a final
 * refusal (revoked session, protocol mismatch) → end the session; anything else (draining replica, lost
 * Redis, a gateway shedding load, network) → reconnect with a growing, fully jittered delay that honours the
 * server's `retryAfterMs`, so a crowd does not come back in step.
 */
export class SocketConnection {
  readonly socket: ChatSocket;
  readonly #session: AccessTokenSource;
  readonly #stateListeners = new ListenerSet<[ConnectionState]>();
  readonly #readyListeners = new ListenerSet<[]>();
  readonly #endedListeners = new ListenerSet<[ErrorCode]>();
  readonly #unsubscribe: (() => void)[] = [];
  #state: ConnectionState = 'connecting';
  #closingCode: string | null = null;
  #closingRetryAfterMs: number | undefined;
  #retries = 0;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #closed = false;

  constructor(options: SocketConnectionOptions) {
    this.#session = options.session;
    const socketOptions: Partial<ManagerOptions & SocketOptions> = {
      path: options.path ?? '/socket.io',
      // WebSocket only: no long-polling, so nginx needs no sticky sessions.
      transports: ['websocket'],
      autoConnect: false,
      // One connection per client, even when a test or load test runs many in one process.
      forceNew: true,
      // Network losses are retried by Socket.IO's manager: jitter over the whole delay (0 to 2 s at
      // first), so the clients of a replica that died do not all come back in the same instant.
      reconnectionDelay: 1000,
      randomizationFactor: 1,
      ...options.socketOptions,
      auth: (send: (auth: HandshakeAuth) => void) =>
        send({ token: this.#session.token() ?? '', protocolVersion: PROTOCOL_VERSION }),
    };
    this.socket = options.url ? io(options.url, socketOptions) : io(socketOptions);
    this.#listen();
  }

  get state(): ConnectionState {
    return this.#state;
  }

  /** Opens the socket (the first time, or again after a failure). */
  connect(): void {
    if (this.#closed) return;
    if (!this.#session.token()) return this.#end('unauthenticated');
    this.socket.connect();
  }

  onState(listener: (state: ConnectionState) => void): () => void {
    return this.#stateListeners.add(listener);
  }

  /** The gateway has subscribed the socket to every room of its user: time to catch up over REST. */
  onReady(listener: () => void): () => void {
    return this.#readyListeners.add(listener);
  }

  /** The session is over (revoked, expired without refresh, refused): the app should sign in again. */
  onEnded(listener: (code: ErrorCode) => void): () => void {
    return this.#endedListeners.add(listener);
  }

  /** Disconnects for good. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#retryTimer);
    for (const unsubscribe of this.#unsubscribe) unsubscribe();
    this.socket.disconnect();
    this.#setState('offline');
  }

  #listen(): void {
    const { socket } = this;
    socket.on('ready', () => {
      this.#retries = 0;
      this.#closingCode = null;
      this.#setState('connected');
      this.#readyListeners.emit();
    });
    socket.on('connection:closing', ({ code, retryAfterMs }) => {
      this.#closingCode = code;
      this.#closingRetryAfterMs = retryAfterMs;
    });
    socket.on('disconnect', (reason) => {
      if (this.#closed) return;
      this.#setState('reconnecting');
      // Socket.IO reconnects by itself unless the server (or we) closed the socket on purpose.
      if (reason === 'io server disconnect') this.#afterRefusal(this.#closingCode, this.#closingRetryAfterMs);
      this.#closingCode = null;
      this.#closingRetryAfterMs = undefined;
    });
    socket.on('connect_error', (error: Error & { data?: Partial<HandshakeRefusal> }) => {
      if (this.#closed) return;
      this.#setState(this.#state === 'connecting' ? 'connecting' : 'reconnecting');
      // `active`: a network failure the manager retries by itself; otherwise the handshake was refused.
      if (!socket.active) this.#afterRefusal(error.data?.code ?? null, error.data?.retryAfterMs);
    });
    socket.io.on('reconnect_attempt', () => {
      if (this.#state !== 'connecting') this.#setState('reconnecting');
    });
    this.#unsubscribe.push(
      this.#session.onToken((token) => this.#sendToken(token)),
      this.#session.onEnded?.((code) => this.#end(code)) ?? (() => undefined),
    );
  }

  /** Decides what to do once the server closed or refused the socket with `code`. */
  #afterRefusal(code: string | null, retryAfterMs?: number): void {
    if (code === 'token_expired') {
      void this.#refreshThenConnect();
    } else if (code !== null && FINAL_CODES.has(code)) {
      this.#end(code as ErrorCode);
    } else {
      this.#connectLater(retryAfterMs);
    }
  }

  async #refreshThenConnect(): Promise<void> {
    const before = this.#session.token();
    await this.#session.refresh();
    const after = this.#session.token();
    if (this.#closed) return;
    if (!after) return this.#end('token_expired');
    // No new token (the API is unreachable): try again later rather than hammer the gateway.
    if (after === before) return this.#connectLater();
    this.connect();
  }

  /** Reconnects after a backoff with full jitter, never before the server's hint (reconnect-delay.ts). */
  #connectLater(retryAfterMs?: number): void {
    clearTimeout(this.#retryTimer);
    this.#retryTimer = setTimeout(() => this.connect(), reconnectDelayMs(this.#retries++, retryAfterMs));
    unrefTimer(this.#retryTimer);
  }

  /** Hands a refreshed token to the gateway in-band, so the socket outlives the old token. */
  #sendToken(token: string): void {
    if (!this.socket.connected) return; // the next handshake reads the new token anyway
    this.socket.timeout(10_000).emit('auth:refresh', { token }, (error, ack) => {
      // A timeout changes nothing: if the old token lapses, the server says so and we refresh then.
      if (error || ack.ok) return;
      if (FINAL_CODES.has(ack.error.code)) this.#end(ack.error.code);
    });
  }

  #end(code: ErrorCode): void {
    if (this.#closed) return;
    this.close();
    this.#endedListeners.emit(code);
  }

  #setState(state: ConnectionState): void {
    if (state === this.#state) return;
    this.#state = state;
    this.#stateListeners.emit(state);
  }
}
