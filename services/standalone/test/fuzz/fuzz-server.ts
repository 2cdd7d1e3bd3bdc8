import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSigningKeyPair } from '@livechat/access-token';
import { createTestDatabase, testStorage, type TestDatabase } from '@livechat/api/testing';
import { loadGatewayConfig } from '@livechat/gateway';
import { freePort, spawnStandalone } from '../standalone-process.js';

export interface FuzzServer {
  baseUrl: string;
  /** An Origin the server allows (its PUBLIC_URL). */
  origin: string;
  /** Socket.IO's cap on one client message: bigger ones close the socket, by design. */
  maxPayloadBytes: number;
  /** Throws, with the end of its output, if the server process has exited. */
  assertAlive(): void;
  /** Error-level log lines the server wrote (pino level 50 and up). */
  errorLogs(): string[];
  stop(): Promise<void>;
}

/**
 * Limits that would turn most fuzz cases into 429s or 503s are raised; every other setting is the
 * default. Rate limits, login throttle, socket quotas and load shedding are tested on their own
 * (rate-limit, auth-login-throttle, client-quotas, admission, hostile-clients).
 */
const UNTHROTTLED = {
  RATE_LIMIT_AUTH_PER_MINUTE: '1000000000',
  RATE_LIMIT_SEND_PER_10S: '1000000000',
  ADMISSION_QUEUE_LENGTH: '100000',
  ADMISSION_QUEUE_WAIT_MS: '60000',
  SOCKET_EVENTS_PER_10S: '1000000000',
  // Wrong passwords are a large share of the cases: the login throttle (auth-login-throttle tests) would
  // slow the fixtures' own sign-ins down to 429s.
  LOGIN_FAILURES_PER_ADDRESS: '1000000000',
  LOGIN_SLOWDOWN_AFTER_FAILURES: '1000000000',
  SOCKETS_PER_USER: '100000',
  SOCKETS_PER_ADDRESS: '100000',
};

/**
 * `npm start` as a child process (API, gateway and web app in one, as standalone-process.ts spawns it),
 * so a crash is seen as an exit and not taken for a failing test. Its data lives where the integration
 * tests keep theirs: a private database on the shared Postgres (signing keys passed in, as in a
 * cluster), or a private PGlite folder under LIVECHAT_TEST_STORAGE=pglite.
 */
export async function startFuzzServer(): Promise<FuzzServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'livechat-fuzz-'));
  const port = await freePort();
  let database: TestDatabase | undefined;
  const env: Record<string, string> = { DATA_DIR: dataDir, PORT: String(port), ...UNTHROTTLED };
  if (testStorage() === 'postgres') {
    database = await createTestDatabase();
    const pair = await generateSigningKeyPair();
    Object.assign(env, {
      DATABASE_URL: database.url!,
      JWT_PRIVATE_KEY: pair.privateKeyPem,
      JWT_KEY_ID: pair.kid,
    });
  }
  const server = spawnStandalone(env);
  const cleanUp = async () => {
    await server.stop();
    await database?.close();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await server.printed('LiveChat is running');
  } catch (error) {
    await cleanUp();
    throw error;
  }
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    origin: `http://localhost:${port}`,
    maxPayloadBytes: loadGatewayConfig({}).SOCKET_MAX_PAYLOAD_BYTES,
    assertAlive() {
      if (server.child.exitCode !== null || server.child.signalCode !== null)
        throw new Error(
          `the server process exited (${server.child.exitCode ?? server.child.signalCode}):\n${server.output().slice(-3000)}`,
        );
    },
    errorLogs: () =>
      server
        .output()
        .split('\n')
        .filter((line) => /"level":(5|6)\d/.test(line)),
    stop: cleanUp,
  };
}
