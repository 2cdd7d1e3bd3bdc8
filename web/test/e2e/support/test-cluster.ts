import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { dropDatabase, startCluster, type RunningCluster } from '@livechat/infra';
import { SERVER_TEST_ENV } from './server-test-env';

const POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TestCluster {
  url: string;
  cluster: RunningCluster;
  stop(): Promise<void>;
}

/**
 * API ×2 and gateway ×3 behind nginx (infra/cluster.sh) serving the built app, on the machine's Postgres
 * (a database of its own, dropped at the end) and Redis (a prefix of its own).
 */
export async function startTestCluster(): Promise<TestCluster> {
  const databaseUrl = `${POSTGRES_URL}/livechat_web_e2e_${randomUUID().replaceAll('-', '')}`;
  const cluster = await startCluster({
    databaseUrl,
    redisUrl: REDIS_URL,
    redisPrefix: `lc_web_e2e_${randomUUID().slice(0, 8)}`,
    webRoot: process.env.LIVECHAT_WEB_ROOT ?? resolve(import.meta.dirname, '../../../dist'),
    env: { DEV_MAILBOX: 'true', ...SERVER_TEST_ENV },
  });
  return {
    url: cluster.url,
    cluster,
    async stop() {
      await cluster.stop();
      await dropDatabase(databaseUrl);
    },
  };
}
