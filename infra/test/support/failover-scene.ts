import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'redis';
import { dropDatabase, startCluster, type RunningCluster } from '../../src/index.js';
import { registerVerified, signInDevice } from './cluster-accounts.js';
import { CLUSTER_TEST_ENV } from './cluster-test-env.js';
import { connectSpread, type PlacedClient } from './spread-over-replicas.js';

const POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';

/**
 * Alice and Bob on a cluster started by infra/cluster.sh (API ×2, gateway ×3, nginx), each with a laptop
 * and a phone, all four connected through nginx and spread so that every gateway replica holds a socket,
 * with two rooms they share open on every device.
 */
export interface FailoverScene {
  cluster: RunningCluster;
  /** In connection order: alice's laptop, bob's laptop, alice's phone, bob's phone. */
  devices: PlacedClient[];
  rooms: { talk: string; stream: string };
  /** Closes the clients, stops the cluster, drops its database and its keys in the shared Redis. */
  close(): Promise<void>;
}

/** Every key of one cluster's prefix, so a shared Redis keeps nothing of a test run. */
async function unlinkPrefix(redisUrl: string, prefix: string): Promise<void> {
  const redis = createClient({ url: redisUrl });
  await redis.connect();
  for await (const keys of redis.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
    if (keys.length) await redis.unlink(keys);
  }
  await redis.close();
}

export interface FailoverSceneOptions {
  redisUrl: string;
  /** A Redis of the test's own, killed after it: nothing to clean up in it. */
  privateRedis?: boolean;
}

export async function startFailoverScene({
  redisUrl,
  privateRedis = false,
}: FailoverSceneOptions): Promise<FailoverScene> {
  const workDir = await mkdtemp(join(tmpdir(), 'livechat-failover-'));
  const databaseUrl = `${POSTGRES_URL}/livechat_failover_${randomUUID().replaceAll('-', '')}`;
  const redisPrefix = `lc_failover_${randomUUID().slice(0, 8)}`;
  // nginx needs a web root; a stand-in spares building the web app (the browser suite does).
  const webRoot = join(workDir, 'web');
  await mkdir(webRoot, { recursive: true });
  await writeFile(join(webRoot, 'index.html'), '<!doctype html><title>LiveChat</title>');
  let cluster: RunningCluster | undefined;
  const devices: PlacedClient[] = [];
  const close = async () => {
    for (const { client, device } of devices) {
      client.close();
      device.session.stop();
    }
    await cluster?.stop();
    await dropDatabase(databaseUrl);
    if (!privateRedis) await unlinkPrefix(redisUrl, redisPrefix);
    await rm(workDir, { recursive: true, force: true });
  };
  try {
    cluster = await startCluster({
      databaseUrl,
      redisUrl,
      redisPrefix,
      dir: join(workDir, 'run'),
      webRoot,
      // A stream of hundreds of messages from one address and two accounts is the point here.
      env: { ...CLUSTER_TEST_ENV, RATE_LIMIT_SEND_PER_10S: '100000', RATE_LIMIT_AUTH_PER_MINUTE: '1000' },
    });
    const { url } = cluster;
    const [alice, bob] = await Promise.all([registerVerified(url, 'Alice'), registerVerified(url, 'Bob')]);
    const [aliceLaptop, bobLaptop, alicePhone, bobPhone] = await Promise.all(
      [alice, bob, alice, bob].map((account) => signInDevice(url, account)),
    );
    // Rooms exist before any socket connects, so `ready` means every socket is subscribed to both.
    const create = (name: string) =>
      aliceLaptop!.api.call('createRoom', { body: { name, memberIds: [bobLaptop!.userId] } });
    const [talk, stream] = [await create('talk'), await create('stream')];
    devices.push(
      ...(await connectSpread(cluster.gateways, [aliceLaptop!, bobLaptop!, alicePhone!, bobPhone!])),
    );
    for (const { client } of devices)
      await Promise.all([client.openRoom(talk.id), client.openRoom(stream.id)]);
    return { cluster, devices, rooms: { talk: talk.id, stream: stream.id }, close };
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
}
