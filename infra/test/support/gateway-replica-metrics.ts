import type { ClusterProcess } from '../../src/index.js';

/** What one gateway replica reports about itself on its internal metrics listener (not through nginx). */
export interface ReplicaCounters {
  /** `gateway_connected_sockets`: sockets this process holds now. */
  sockets: number;
  /** `gateway_events_out_total{event="resync"}`: resync events it wrote, one per socket told. */
  resyncsSent: number;
}

function sample(text: string, pattern: RegExp): number {
  return Number(pattern.exec(text)?.[1] ?? 0);
}

export async function readReplicaCounters(gateway: ClusterProcess): Promise<ReplicaCounters> {
  const response = await fetch(`${gateway.metricsUrl}/metrics`);
  if (!response.ok) throw new Error(`${gateway.name} /metrics answered ${response.status}`);
  const text = await response.text();
  return {
    sockets: sample(text, /^gateway_connected_sockets(?:\{[^}]*\})? (\d+)$/m),
    resyncsSent: sample(text, /^gateway_events_out_total\{[^}]*event="resync"[^}]*\} (\d+)$/m),
  };
}

/** Sockets held by each replica, by name (only the replicas given, e.g. the ones still running). */
export async function socketsByReplica(gateways: readonly ClusterProcess[]): Promise<Map<string, number>> {
  const counts = await Promise.all(gateways.map(readReplicaCounters));
  return new Map(gateways.map((gateway, index) => [gateway.name, counts[index]!.sockets]));
}
