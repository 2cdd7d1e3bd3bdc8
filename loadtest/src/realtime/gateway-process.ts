import type { PublicKeySet } from '@livechat/access-token';
import { TEST_REDIS_URL } from '@livechat/api/testing';
import { freePort } from '../processes/free-port.js';
import { waitUntilReady } from '../processes/wait-until-ready.js';
import { forkTypeScript, stopChild } from '../processes/typescript-child.js';

/** The Origin benchmark sockets send; every benchmark gateway allows it. */
export const BENCH_ORIGIN = 'http://bench.livechat.test';

export interface GatewayProcess {
  url: string;
  /** Its internal Prometheus listener (METRICS_PORT): `/metrics` is not served on `url`. */
  metricsUrl: string;
  pid: number;
  stop(): Promise<void>;
}

export interface GatewayProcessOptions {
  apiUrl: string;
  publicKeys: PublicKeySet;
  redisPrefix: string;
  env?: Record<string, string>;
}

/** The gateway's own process entry (cluster mode), found through the workspace package. */
const gatewayMain = () => new URL('./main.ts', import.meta.resolve('@livechat/gateway')).pathname;

/**
 * Starts a real gateway replica as its own process (as deployed: `services/gateway/src/main.ts`), on the
 * shared Redis under the benchmark's prefix, and waits for its /readyz. Its RSS and CPU time are then
 * readable from /proc/<pid>.
 */
export async function startGatewayProcess(options: GatewayProcessOptions): Promise<GatewayProcess> {
  const port = await freePort();
  const metricsPort = await freePort();
  const child = forkTypeScript(gatewayMain(), {
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      METRICS_PORT: String(metricsPort),
      METRICS_HOST: '127.0.0.1',
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: options.redisPrefix,
      API_URL: options.apiUrl,
      JWT_PUBLIC_KEYS: JSON.stringify(options.publicKeys),
      ALLOWED_ORIGINS: BENCH_ORIGIN,
      LOG_LEVEL: 'warn',
      // Every benchmark socket comes from loopback: the per-address cap would count them all as one client.
      SOCKETS_PER_ADDRESS: '1000000',
      ...options.env,
    },
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(`${url}/readyz`, 60_000, () => child.exitCode === null);
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  return {
    url,
    metricsUrl: `http://127.0.0.1:${metricsPort}`,
    pid: child.pid!,
    stop: () => stopChild(child, 20_000),
  };
}
