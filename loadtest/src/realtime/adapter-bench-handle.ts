import { TEST_REDIS_URL } from '@livechat/api/testing';
import { rpcClient, type RpcClient } from '../ipc/ipc-rpc.js';
import { forkUntilReady, stopChild } from '../processes/typescript-child.js';
import type { AdapterBenchMethods, AdapterBenchOptions, AdapterBenchReady } from './adapter-bench-rpc.js';

export interface AdapterBenchProcess extends RpcClient<AdapterBenchMethods> {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

export async function startAdapterBenchProcess(
  role: AdapterBenchOptions['role'],
  redisPrefix: string | null,
): Promise<AdapterBenchProcess> {
  const options: AdapterBenchOptions = { role, redisPrefix, redisUrl: TEST_REDIS_URL };
  const { child, ready } = await forkUntilReady<AdapterBenchReady>(
    new URL('./adapter-bench-process.ts', import.meta.url).pathname,
    { env: { ADAPTER_BENCH_OPTIONS: JSON.stringify(options) } },
  );
  return {
    url: ready.url,
    pid: child.pid!,
    ...rpcClient<AdapterBenchMethods>(child),
    stop: () => stopChild(child),
  };
}
