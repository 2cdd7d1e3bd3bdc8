import type { ChildProcess } from 'node:child_process';
import { rpcClient, type RpcClient } from '../ipc/ipc-rpc.js';
import { forkUntilReady, stopChild } from '../processes/typescript-child.js';
import { BENCH_ORIGIN } from '../realtime/gateway-process.js';
import type { BenchApiMethods, BenchApiOptions, BenchApiReady } from './api-process-rpc.js';

/** Limits high enough that the benchmark measures the send path, not the rate limiter. */
export const BENCH_API_ENV = {
  RATE_LIMIT_SEND_PER_10S: '10000000',
  RATE_LIMIT_AUTH_PER_MINUTE: '1000000',
  ACCESS_TOKEN_TTL_SECONDS: '3600',
  DATABASE_POOL_SIZE: '10',
  // The Origin benchmark clients send, as the gateways allow it: refresh and logout check it too.
  ALLOWED_ORIGINS: BENCH_ORIGIN,
};

export interface BenchApi extends BenchApiReady, RpcClient<BenchApiMethods> {
  pid: number;
  process: ChildProcess;
  /** Stops the process; it drops its database on the way out. */
  stop(): Promise<void>;
}

/** Starts a real API in a child process (see api-process.ts) and waits until it listens. */
export async function startApiProcess(options: BenchApiOptions): Promise<BenchApi> {
  const { child, ready } = await forkUntilReady<BenchApiReady>(
    new URL('./api-process.ts', import.meta.url).pathname,
    { env: { BENCH_API_OPTIONS: JSON.stringify({ ...options, env: { ...BENCH_API_ENV, ...options.env } }) } },
  );
  return {
    ...ready,
    ...rpcClient<BenchApiMethods>(child),
    pid: child.pid!,
    process: child,
    stop: () => stopChild(child, 30_000),
  };
}
