import type { ClusterProcess } from '@livechat/infra';

/** Sockets each gateway replica holds now, read from its internal metrics listener (not through nginx). */
export async function socketsPerReplica(gateways: readonly ClusterProcess[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const gateway of gateways) {
    const text = await (await fetch(`${gateway.metricsUrl}/metrics`)).text();
    const line = /^gateway_connected_sockets(?:\{[^}]*\})? (\d+)/m.exec(text);
    counts.set(gateway.name, Number(line?.[1] ?? 0));
  }
  return counts;
}

/**
 * Tells which replica took the socket that just connected: the one whose count rose since `before`.
 * The people connect one after the other, so exactly one count rises each time.
 */
export function replicaThatGained(
  before: ReadonlyMap<string, number>,
  after: ReadonlyMap<string, number>,
): string | null {
  const risen = [...after].filter(([name, count]) => count > (before.get(name) ?? 0)).map(([name]) => name);
  return risen.length === 1 ? (risen[0] ?? null) : null;
}
