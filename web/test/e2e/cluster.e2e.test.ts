import { eventually } from './support/chat-driver';
import { replicaThatGained, socketsPerReplica } from './support/gateway-replicas';
import { describeMainFlow } from './support/main-flow';
import { startTestCluster } from './support/test-cluster';

/**
 * The same journey against the production topology: API ×2 and gateway ×3 behind nginx. Each person's
 * socket is traced to its gateway replica through the replicas' own /metrics, and the two must differ.
 */
describeMainFlow('cluster', async () => {
  const testCluster = await startTestCluster();
  const { url, cluster } = testCluster;
  let counts = await socketsPerReplica(cluster.gateways);
  return {
    url,
    stop: () => testCluster.stop(),
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
  };
});
