import { TEST_REDIS_URL } from '@livechat/api/testing';
import { rpcClient, type RpcClient } from '../../ipc/ipc-rpc.js';
import { forkUntilReady, stopChild } from '../../processes/typescript-child.js';
import type { BareOptions, BareReady, BareSendMethods } from './bare-rpc.js';

export interface BareProcess {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

async function startBare(entry: string, options: Omit<BareOptions, 'redisUrl'>) {
  const { child, ready } = await forkUntilReady<BareReady>(new URL(entry, import.meta.url).pathname, {
    env: { BARE_OPTIONS: JSON.stringify({ redisUrl: TEST_REDIS_URL, ...options } satisfies BareOptions) },
  });
  return { child, url: ready.url, pid: child.pid!, stop: () => stopChild(child) };
}

/** One replica of the bare Socket.IO server (classic Redis adapter under `redisPrefix`). */
export async function startBareSocketServer(redisPrefix: string): Promise<BareProcess> {
  const { child: _child, ...server } = await startBare('./bare-socket-process.ts', { redisPrefix });
  return server;
}

/** The minimal send endpoint on `databaseUrl`, publishing through the classic adapter under `redisPrefix`. */
export async function startBareSendEndpoint(
  options: Omit<BareOptions, 'redisUrl'>,
): Promise<BareProcess & RpcClient<BareSendMethods>> {
  const { child, ...endpoint } = await startBare('./bare-send-process.ts', options);
  return { ...endpoint, ...rpcClient<BareSendMethods>(child) };
}
