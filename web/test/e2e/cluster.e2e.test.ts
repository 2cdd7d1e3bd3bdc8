import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { dropDatabase, startCluster } from '@livechat/infra';
import { eventually } from './support/chat-driver';
import { replicaThatGained, socketsPerReplica } from './support/gateway-replicas';
import { describeMainFlow } from './support/main-flow';
import { TEST_LIMITS } from './support/test-limits';

const POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * The same journey against the production topology: API ×2 and gateway ×3 behind nginx (infra/cluster.sh),
 * on the machine's Postgres (a fresh database) and Redis (a private prefix). Each person's socket is traced
 * to its gateway replica through the replicas' own metrics, and the two must differ.
 */
describeMainFlow('cluster', async () => {
  const databaseUrl = `${POSTGRES_URL}/livechat_web_e2e_${randomUUID().replaceAll('-', '')}`;
  const cluster = await startCluster({
    databaseUrl,
    redisUrl: REDIS_URL,
    redisPrefix: `lc_web_e2e_${randomUUID().slice(0, 8)}`,
    webRoot: process.env.LIVECHAT_WEB_ROOT ?? resolve(import.meta.dirname, '../../dist'),
    env: { DEV_MAILBOX: 'true', ...TEST_LIMITS },
  });
  let counts = await socketsPerReplica(cluster.gateways);
  return {
    url: cluster.url,
    async socketReplica() {
      const before = counts;
      let replica: string | null = null;
      await eventually(async () => {
        counts = await socketsPerReplica(cluster.gateways);
        replica = replicaThatGained(before, counts);
        if (!replica) throw new Error(`no single replica gained a socket: ${JSON.stringify([...counts])}`);
      }, 20_000);
      return replica ?? 'unknown';
    },
    async stop() {
      await cluster.stop();
      await dropDatabase(databaseUrl);
    },
  };
});
