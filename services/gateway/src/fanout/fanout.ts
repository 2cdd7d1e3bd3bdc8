import type { ServerOptions } from 'socket.io';

/** How events travel between Socket.IO servers: through Redis (cluster) or not at all (standalone). */
export interface Fanout {
  /** The Socket.IO adapter; undefined keeps Socket.IO's in-memory one. */
  adapter: ServerOptions['adapter'] | undefined;
  /** Whether the transport answers now (for /readyz). */
  isReachable(): Promise<boolean>;
  /** Registers what to do when the transport comes back after a break (events may have been missed). */
  onRecovered(listener: () => void): void;
  close(): Promise<void>;
}

/** The standalone process: one Socket.IO server, nothing to fan out to. */
export const inProcessFanout = (): Fanout => ({
  adapter: undefined,
  isReachable: async () => true,
  onRecovered: () => undefined,
  close: async () => undefined,
});
