import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
// The gateway's own test helpers, by path: @livechat/gateway depends on packages that depend on this one,
// so a package dependency would be a cycle. Only the spawner and the socket client are shared, no source.
import { spawnGateway, type GatewayProcess } from '../../../../gateway/test/support/gateway-process.js';
import { startTestApi, TEST_ORIGIN, TEST_REDIS_URL, type TestApi } from '../../support/test-api.js';

/** The deployment the checklist is verified against: one API and, if asked, one gateway, sharing Redis. */
export interface AsvsDeployment {
  api: TestApi;
  /** The gateway replica's URL (process `services/gateway/src/main.ts`); empty without `gateway`. */
  gatewayUrl: string;
  close(): Promise<void>;
}

export interface AsvsDeploymentOptions {
  /** API configuration on top of the test defaults (limits, TRUST_PROXY…). */
  env?: Record<string, string>;
  /** Start a gateway process too, for the WebSocket items. */
  gateway?: boolean;
}

/**
 * A real API listening on 127.0.0.1 (fresh Postgres database, Redis under a fresh prefix) and optionally a
 * real gateway process on the same Redis prefix with the API's public keys, as the cluster runs them.
 */
export async function startAsvsDeployment(options: AsvsDeploymentOptions = {}): Promise<AsvsDeployment> {
  const api = await startTestApi({ redis: true, listen: true, ...(options.env ? { env: options.env } : {}) });
  let gateway: GatewayProcess | undefined;
  try {
    if (options.gateway) {
      gateway = await spawnGateway({
        REDIS_URL: api.config.REDIS_URL ?? TEST_REDIS_URL,
        REDIS_PREFIX: api.config.REDIS_PREFIX,
        API_URL: api.url,
        JWT_PUBLIC_KEYS: JSON.stringify(api.deps.keys.publicKeys),
        ALLOWED_ORIGINS: TEST_ORIGIN,
        INSTANCE_ID: `gw-asvs-${randomUUID().slice(0, 8)}`,
      });
    }
  } catch (error) {
    await api.close();
    throw error;
  }
  return {
    api,
    gatewayUrl: gateway?.url ?? '',
    async close() {
      if (gateway) {
        gateway.child.kill('SIGTERM');
        await gateway.exited;
      }
      await api.close();
    },
  };
}

/** What the tests of one describe block use of the deployment `useAsvsDeployment` starts for them. */
export interface AsvsDeploymentHandle {
  api: () => TestApi;
  gatewayUrl: () => string;
  /** Registers a client socket, closed before the deployment stops. */
  track: <S extends { disconnect(): unknown }>(socket: S) => S;
}

/** Starts a deployment before the tests of the surrounding describe block and stops it after them. */
export function useAsvsDeployment(options: AsvsDeploymentOptions = {}): AsvsDeploymentHandle {
  let deployment: AsvsDeployment | undefined;
  const sockets: { disconnect(): unknown }[] = [];
  beforeAll(async () => {
    deployment = await startAsvsDeployment(options);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await deployment?.close();
  });
  const started = () => {
    if (!deployment) throw new Error('the ASVS deployment has not started');
    return deployment;
  };
  return {
    api: () => started().api,
    gatewayUrl: () => started().gatewayUrl,
    track: (socket) => (sockets.push(socket), socket),
  };
}
