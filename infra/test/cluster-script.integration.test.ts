import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from 'redis';
import { io, type Socket } from 'socket.io-client';
import { createApiClient } from '@livechat/client';
import {
  ERROR_STATUS,
  PROTOCOL_VERSION,
  type ClientToServerEvents,
  type MessageNewEvent,
  type Problem,
  type ServerToClientEvents,
  type TokenResponse,
} from '@livechat/protocol';
import { sessionRouteAnswers } from '@livechat/api/testing';
import { DEFAULT_CACHE_CONTROL, SECURITY_HEADERS } from '@livechat/server-kit';
import { CLUSTER_TEST_ENV } from './support/cluster-test-env.js';
import { dropDatabase, startCluster, type RunningCluster } from '../src/index.js';
import { openWebSocket } from './support/websocket-upgrade.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';

/** Nothing of a process group is left: kill(-pgid, 0) finds no member. */
function groupGone(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

async function eventually<T>(
  read: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('infra/cluster.sh: API ×2 and gateway ×3 behind nginx', () => {
  // A database that does not exist yet: the script must create and migrate it.
  const databaseUrl = `${POSTGRES_URL}/livechat_cluster_${randomUUID().replaceAll('-', '')}`;
  const redisPrefix = `lc_cluster_${randomUUID().slice(0, 8)}`;
  let workDir: string;
  let cluster: RunningCluster | undefined;
  let url: string;
  /** The session of the user the registration test creates; later tests act as them. */
  let session: TokenResponse | undefined;
  let account: { email: string; password: string } | undefined;

  /** Every header of the one policy (server-kit's), exactly once: a second copy would read "nosniff, nosniff". */
  const expectHeaderPolicy = (headers: Headers, what: string) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS))
      expect(headers.get(name), `${name} on ${what}`).toBe(value);
  };

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'livechat-cluster-test-'));
    // A stand-in for the built web app, so this test does not build it (the browser suite does).
    const webRoot = join(workDir, 'web');
    await mkdir(join(webRoot, 'assets'), { recursive: true });
    await writeFile(
      join(webRoot, 'index.html'),
      '<!doctype html><title>LiveChat</title><div id="root"></div>',
    );
    await writeFile(join(webRoot, 'assets', 'app-1234.js'), 'console.log("app");\n'.repeat(200));
    await writeFile(join(webRoot, 'sw.js'), 'self.addEventListener("fetch", () => undefined);\n');
    await writeFile(join(webRoot, 'manifest.webmanifest'), '{"name":"LiveChat"}');
    // A source map left in the build folder must not be served.
    await writeFile(join(webRoot, 'assets', 'app-1234.js.map'), '{"version":3,"sources":["secret.ts"]}');
    cluster = await startCluster({
      databaseUrl,
      redisPrefix,
      dir: join(workDir, 'run'),
      webRoot,
      env: CLUSTER_TEST_ENV,
    });
    url = cluster.url;
  });

  afterAll(async () => {
    await cluster?.stop();
    await dropDatabase(databaseUrl);
    const redis = createClient({ url: REDIS_URL });
    await redis.connect();
    for await (const keys of redis.scanIterator({ MATCH: `${redisPrefix}*`, COUNT: 500 })) {
      if (keys.length) await redis.unlink(keys);
    }
    await redis.close();
    await rm(workDir, { recursive: true, force: true });
  });

  it('records every process it started, each on its own port', () => {
    expect(cluster!.api).toHaveLength(2);
    expect(cluster!.gateways).toHaveLength(3);
    const ports = cluster!.processes.map((process) => process.port);
    expect(new Set(ports).size).toBe(6);
    const metricsPorts = cluster!.processes.flatMap((process) =>
      process.metricsUrl ? [new URL(process.metricsUrl).port] : [],
    );
    expect(new Set(metricsPorts).size).toBe(5);
    expect(cluster!.output).toContain('LiveChat cluster ready');
  });

  it('routes /api/ to the API, with a request id on the way in and out', async () => {
    const response = await fetch(`${url}/api/docs/json`);
    expect(response.status).toBe(200);
    expect(await response.json()).toHaveProperty('openapi');
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/);
  });

  it('registers, verifies the email from the dev mailbox and logs in through nginx', async () => {
    const api = createApiClient({ baseUrl: url, headers: () => ({ origin: url }) });
    const email = `cluster-${randomUUID().slice(0, 8)}@example.com`;
    const password = 'correct horse battery staple';
    await api.call('register', { body: { email, password, displayName: 'Cluster Test' } });
    const mail = await eventually(async () => {
      const { mails } = await api.call('devMailbox', { query: { to: email } });
      return mails[0];
    }, 'the verification mail');
    const token = /[?&]token=([A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
    expect(token, mail.text).toBeDefined();
    await api.call('verifyEmail', { body: { token: token! } });
    session = await api.call('login', { body: { email, password } });
    account = { email, password };
    const me = await createApiClient({ baseUrl: url, getToken: () => session?.accessToken ?? null }).call(
      'me',
    );
    expect(me).toMatchObject({ email, emailVerified: true });
  });

  it('spreads API requests over both replicas', async () => {
    for (let i = 0; i < 8; i++) await (await fetch(`${url}/api/docs/json`)).arrayBuffer();
    const log = await readFile(join(cluster!.dir, 'logs', 'nginx-access.log'), 'utf8');
    const upstreams = new Set(
      log
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { uri: string; upstream: string })
        .filter((entry) => entry.uri === '/api/docs/json')
        .map((entry) => entry.upstream),
    );
    expect([...upstreams].sort()).toEqual(cluster!.api.map((api) => `127.0.0.1:${api.port}`).sort());
  });

  it('serves the web app with its Content-Security-Policy, a single-page-app fallback and cached assets', async () => {
    for (const path of ['/', '/rooms/some-room']) {
      const response = await fetch(`${url}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expectHeaderPolicy(response.headers, path);
      expect(await response.text()).toContain('<div id="root">');
    }
    const asset = await fetch(`${url}/assets/app-1234.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toMatch(/max-age=31536000/);
    expect(asset.headers.get('content-encoding')).toBe('gzip');
    expect((await fetch(`${url}/assets/missing.js`)).status).toBe(404);
  });

  it('serves the service worker and the web manifest with their types, revalidated on every use', async () => {
    const worker = await fetch(`${url}/sw.js`);
    expect(worker.headers.get('content-type')).toMatch(/^(application|text)\/javascript/);
    expect(worker.headers.get('cache-control')).toBe('no-cache');
    const manifest = await fetch(`${url}/manifest.webmanifest`);
    expect(manifest.headers.get('content-type')).toMatch(/^application\/manifest\+json/);
    expect(manifest.headers.get('cache-control')).toBe('no-cache');
    expectHeaderPolicy(manifest.headers, '/manifest.webmanifest');
  });

  it('answers log in, refresh, the user and their rooms through nginx with the header policy, never cached', async () => {
    expect(account, 'needs the account of the registration test').toBeDefined();
    const answers = await sessionRouteAnswers(url, url, account!);
    expect(answers.map((answer) => answer.route)).toEqual(['login', 'refresh', 'me', 'listRooms']);
    for (const { route, headers } of answers) {
      expectHeaderPolicy(headers, route);
      expect(headers.get('cache-control'), route).toBe(DEFAULT_CACHE_CONTROL);
    }
  });

  it('serves Swagger UI through nginx under the same policy, and nginx its own error answers too', async () => {
    const docs = await fetch(`${url}/api/docs/`);
    expect(docs.status).toBe(200);
    expect(docs.headers.get('content-type')).toMatch(/^text\/html/);
    expectHeaderPolicy(docs.headers, '/api/docs/');
    const tooLarge = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: url },
      body: 'x'.repeat(200 * 1024),
    });
    expect(tooLarge.status).toBe(413);
    expectHeaderPolicy(tooLarge.headers, "nginx's 413");
    expect(tooLarge.headers.get('cache-control')).toBe(DEFAULT_CACHE_CONTROL);
  });

  it("holds the gateway's Engine.IO answers to the policy through nginx, each header once", async () => {
    const refused = await fetch(`${url}/socket.io/?EIO=4&transport=polling`);
    expect(refused.status).toBe(400);
    expectHeaderPolicy(refused.headers, '/socket.io/');
  });

  it('does not publish a source map left in the web root', async () => {
    const map = await fetch(`${url}/assets/app-1234.js.map`);
    expect(map.status).toBe(404);
    expect(await map.text()).not.toContain('secret.ts');
  });

  it("serves /metrics on each replica's internal metrics port only: not through nginx, not on its public port", async () => {
    expect(await (await fetch(`${url}/metrics`)).text()).not.toMatch(/^# HELP/m);
    for (const replica of [...cluster!.api, ...cluster!.gateways]) {
      expect(replica.metricsUrl, replica.name).not.toBeNull();
      expect(replica.metricsUrl, replica.name).not.toBe(replica.url);
      const scraped = await fetch(`${replica.metricsUrl}/metrics`);
      expect(scraped.status, replica.name).toBe(200);
      expect(await scraped.text(), replica.name).toMatch(/^# HELP process_cpu_user_seconds_total /m);
      const publicAnswer = await fetch(`${replica.url}/metrics`);
      expect(publicAnswer.status, replica.name).toBe(404);
      expect(await publicAnswer.text(), replica.name).not.toMatch(/^# HELP/m);
    }
  });

  it('answers bodies over the limit with problem+json, from the API or from nginx', async () => {
    for (const size of [70 * 1024, 200 * 1024]) {
      const response = await fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: url },
        body: JSON.stringify({ email: 'a@example.com', password: 'x'.repeat(size) }),
      });
      expect(response.status).toBe(ERROR_STATUS.payload_too_large);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(((await response.json()) as Problem).code).toBe('payload_too_large');
    }
  });

  it('upgrades /socket.io/ to a WebSocket on a gateway', async () => {
    const socket = await openWebSocket(`${url}/socket.io/?EIO=4&transport=websocket`, { Origin: url });
    expect(socket.status).toBe(101);
    // Engine.IO's open packet: "0" followed by the session's parameters.
    expect(socket.firstMessage).toMatch(/^0\{.*"sid"/);
  });

  it('admits a signed-in socket through nginx and delivers a message sent through the API to it', async () => {
    expect(session, 'needs the session of the registration test').toBeDefined();
    const token = session!.accessToken;
    const api = createApiClient({ baseUrl: url, getToken: () => token, headers: () => ({ origin: url }) });
    // The room exists before the socket connects, so `ready` means the socket is subscribed to it.
    const room = await api.call('createRoom', { body: { name: 'cluster room' } });
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(url, {
      transports: ['websocket'],
      auth: { token, protocolVersion: PROTOCOL_VERSION },
      extraHeaders: { origin: url },
      reconnection: false,
    });
    try {
      // `ready`: the gateway verified the token with the cluster's public keys and subscribed the socket.
      await new Promise<void>((resolve, reject) => {
        socket.once('ready', () => resolve());
        socket.once('connect_error', reject);
      });
      const delivered = new Promise<MessageNewEvent>((resolve) => socket.on('message:new', resolve));
      await api.call('sendMessage', {
        params: { id: room.id },
        body: { clientId: randomUUID(), body: 'hello through nginx' },
      });
      // API replica → Postgres outbox → Redis under the cluster's prefix → a gateway → nginx → this socket.
      const event = await delivered;
      expect(event).toMatchObject({ roomId: room.id, message: { body: 'hello through nginx', seq: 1 } });
    } finally {
      socket.disconnect();
    }
  });

  it('stops every process it started', async () => {
    const started = cluster!;
    await started.stop();
    cluster = undefined;
    for (const process of started.processes) expect(groupGone(process.pid), process.name).toBe(true);
    expect(existsSync(join(started.dir, 'processes'))).toBe(false);
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });
});
