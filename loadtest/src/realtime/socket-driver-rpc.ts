/** One socket to open: which gateway, as whom. */
export interface SocketTarget {
  gatewayUrl: string;
  token: string;
}

export interface OpenResult {
  /** Sockets that connected and received `ready` (subscribed to their rooms). */
  ready: number;
  failed: number;
  /** Attempts that failed but were tried again (only when more than one attempt is allowed). */
  retried: number;
  /** Failed attempts that came with the server's `retryAfterMs` (a gateway shedding load). */
  hinted: number;
  failureSamples: string[];
  /** Handshake start → `ready`, per ready socket, in ms. */
  readyMs: number[];
}

export interface Deliveries {
  /** `message:new` events of benchmark messages received since the last take, each message once per socket. */
  count: number;
  /** Events of a message this socket had already received (at-least-once delivery; clients drop them by id). */
  duplicates: number;
  /** Send → receive latency of each, in ms. */
  latencies: number[];
  /** When the last of them arrived (epoch ms), or 0 if none did. */
  lastAt: number;
}

export interface DriverStatus {
  connected: number;
  /** Sockets that disconnected after being ready (the server dropped them). */
  dropped: number;
}

/** What a socket-driver process does for the parent. */
export interface SocketDriverMethods {
  [method: string]: (argument: never) => Promise<unknown>;
  open(argument: {
    targets: SocketTarget[];
    origin: string;
    concurrency: number;
    /** Tries per socket before it counts as failed. */
    attempts: number;
    /**
     * Keep trying each socket until this epoch time, however many attempts that takes; unset: `attempts`
     * bounds it. Either way the wait between two attempts is the real client's (`reconnectDelayMs` of
     * @livechat/client: full-jitter exponential backoff, never sooner than the server's `retryAfterMs`).
     */
    retryUntil?: number;
  }): Promise<OpenResult>;
  takeDeliveries(argument: Record<string, never>): Promise<Deliveries>;
  status(argument: Record<string, never>): Promise<DriverStatus>;
  closeAll(argument: Record<string, never>): Promise<void>;
}
