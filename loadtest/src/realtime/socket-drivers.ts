import { rpcClient, type RpcClient } from '../ipc/ipc-rpc.js';
import { forkUntilReady, stopChild } from '../processes/typescript-child.js';
import type {
  Deliveries,
  DriverStatus,
  OpenResult,
  SocketDriverMethods,
  SocketTarget,
} from './socket-driver-rpc.js';

/** Several socket-driver processes used as one: sockets are dealt out round-robin. */
export interface SocketDrivers {
  /** Opens the sockets; each is tried up to `attempts` times (or until `pace.retryUntil`). */
  open(targets: SocketTarget[], origin: string, attempts?: number, pace?: OpenPace): Promise<OpenResult>;
  takeDeliveries(): Promise<Deliveries>;
  status(): Promise<DriverStatus>;
  closeAll(): Promise<void>;
  stop(): Promise<void>;
  /** SIGKILLs every driver process, as a crash of those clients: their sockets close without a goodbye. */
  kill(): Promise<void>;
  /** Process ids of the drivers. */
  pids: number[];
}

/** How fast to open: handshakes in flight per driver, and whether to retry with backoff until a time. */
export interface OpenPace {
  concurrency?: number;
  retryUntil?: number;
}

/** Handshakes in flight per driver: enough to ramp quickly without a thundering herd on the gateway. */
export const OPEN_CONCURRENCY = 25;

export async function startSocketDrivers(count: number): Promise<SocketDrivers> {
  const started = await Promise.allSettled(
    Array.from({ length: count }, () =>
      forkUntilReady(new URL('./socket-driver-process.ts', import.meta.url).pathname),
    ),
  );
  const children = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value.child] : []));
  const failure = started.find((result) => result.status === 'rejected');
  if (failure) {
    await Promise.all(children.map((child) => stopChild(child)));
    throw failure.reason;
  }
  const drivers: RpcClient<SocketDriverMethods>[] = children.map((child) => rpcClient(child));
  const all = <T>(work: (driver: RpcClient<SocketDriverMethods>) => Promise<T>) =>
    Promise.all(drivers.map(work));

  return {
    async open(targets, origin, attempts = 1, pace = {}) {
      const results = await Promise.all(
        drivers.map((driver, index) =>
          driver.call('open', {
            targets: targets.filter((_, target) => target % drivers.length === index),
            origin,
            concurrency: pace.concurrency ?? OPEN_CONCURRENCY,
            attempts,
            ...(pace.retryUntil === undefined ? {} : { retryUntil: pace.retryUntil }),
          }),
        ),
      );
      return {
        ready: results.reduce((sum, result) => sum + result.ready, 0),
        failed: results.reduce((sum, result) => sum + result.failed, 0),
        retried: results.reduce((sum, result) => sum + result.retried, 0),
        hinted: results.reduce((sum, result) => sum + result.hinted, 0),
        failureSamples: results.flatMap((result) => result.failureSamples).slice(0, 5),
        readyMs: results.flatMap((result) => result.readyMs),
      };
    },
    async takeDeliveries() {
      const taken = await all((driver) => driver.call('takeDeliveries', {}));
      return {
        count: taken.reduce((sum, part) => sum + part.count, 0),
        duplicates: taken.reduce((sum, part) => sum + part.duplicates, 0),
        latencies: taken.flatMap((part) => part.latencies),
        lastAt: Math.max(0, ...taken.map((part) => part.lastAt)),
      };
    },
    async status() {
      const parts = await all((driver) => driver.call('status', {}));
      return {
        connected: parts.reduce((sum, part) => sum + part.connected, 0),
        dropped: parts.reduce((sum, part) => sum + part.dropped, 0),
      };
    },
    async closeAll() {
      await all((driver) => driver.call('closeAll', {}));
    },
    async stop() {
      await Promise.all(children.map((child) => stopChild(child)));
    },
    async kill() {
      await Promise.all(
        children.map((child) => {
          if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
          const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
          child.kill('SIGKILL');
          return exited;
        }),
      );
    },
    pids: children.map((child) => child.pid!),
  };
}
