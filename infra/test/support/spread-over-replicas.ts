import { isDeepStrictEqual } from 'node:util';
import type { ChatClient } from '@livechat/client';
import type { ClusterProcess } from '../../src/index.js';
import type { ClusterDevice } from './cluster-accounts.js';
import { socketsByReplica } from './gateway-replica-metrics.js';

/** A chat client connected through nginx, and the gateway replica that holds its socket. */
export interface PlacedClient {
  device: ClusterDevice;
  client: ChatClient;
  /** The replica's name, e.g. `gateway-2`. */
  replica: string;
}

const ATTEMPTS = 12;
const SETTLE_MS = 20_000;

async function waitFor<T>(what: string, read: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + SETTLE_MS;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${SETTLE_MS} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Connects one chat client per device, one after the other, through nginx, and learns which replica took
 * each socket from the replicas' own socket gauges (only one socket is connecting at a time, so exactly one
 * gauge rises). nginx balances with least_conn, but each of its workers counts on its own, so a socket can
 * land on a replica that already holds one: such a client is closed and connected again, until the first
 * clients sit on distinct replicas and every replica holds at least one.
 */
export async function connectSpread(
  gateways: readonly ClusterProcess[],
  devices: readonly ClusterDevice[],
): Promise<PlacedClient[]> {
  const placed: PlacedClient[] = [];
  for (const device of devices) {
    for (let attempt = 1; ; attempt += 1) {
      const before = await socketsByReplica(gateways);
      const client = device.openClient();
      await client.connected();
      const replica = await waitFor('one replica to gain the new socket', async () => {
        const after = await socketsByReplica(gateways);
        const risen = gateways.filter((g) => after.get(g.name)! > before.get(g.name)!);
        return risen.length === 1 ? risen[0]!.name : undefined;
      });
      const taken = new Set(placed.map((each) => each.replica));
      if (taken.size === gateways.length || !taken.has(replica)) {
        placed.push({ device, client, replica });
        break;
      }
      client.close();
      if (attempt === ATTEMPTS)
        throw new Error(`nginx kept sending new sockets to taken replicas (${[...taken].join(', ')})`);
      await waitFor('the extra socket to close', async () =>
        isDeepStrictEqual(await socketsByReplica(gateways), before) ? true : undefined,
      );
    }
  }
  return placed;
}
