import { randomUUID } from 'node:crypto';
import { startApiProcess, type BenchApi } from '../api/api-process-handle.js';
import { startGatewayProcess, type GatewayProcess } from './gateway-process.js';

/** The cluster topology on this machine: one API process and gateway replicas on one Redis prefix. */
export interface BenchCluster {
  api: BenchApi;
  gateways: GatewayProcess[];
  stop(): Promise<void>;
}

/** Gateway settings for benchmarks: client-event limits out of the way, quiet logs. */
const GATEWAY_BENCH_ENV = { SOCKET_EVENTS_PER_10S: '100000' };

/**
 * API (Postgres, sharded Redis adapter) plus `gatewayCount` gateway processes under a fresh Redis prefix.
 * `deployedLimits` keeps the gateways' client-event budget as deployed (abuse benchmarks measure it).
 */
export async function startBenchCluster(
  gatewayCount: number,
  options: { deployedLimits?: boolean } = {},
): Promise<BenchCluster> {
  const redisPrefix = `lc_bench_${randomUUID().slice(0, 8)}`;
  const api = await startApiProcess({ storage: 'postgres', redisPrefix });
  const gateways: GatewayProcess[] = [];
  const stop = async () => {
    await Promise.all(gateways.map((gateway) => gateway.stop()));
    await api.stop();
  };
  try {
    for (let index = 0; index < gatewayCount; index++) {
      gateways.push(
        await startGatewayProcess({
          apiUrl: api.url,
          publicKeys: api.publicKeys,
          redisPrefix,
          env: {
            ...(options.deployedLimits ? {} : GATEWAY_BENCH_ENV),
            INSTANCE_ID: `bench-gateway-${index}`,
          },
        }),
      );
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { api, gateways, stop };
}
