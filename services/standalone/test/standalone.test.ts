import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { createApiClient } from '@livechat/client';
import { sessionRouteAnswers } from '@livechat/api/testing';
import { PROTOCOL_VERSION, type MessageNewEvent } from '@livechat/protocol';
import { CONTENT_SECURITY_POLICY, DEFAULT_CACHE_CONTROL, SECURITY_HEADERS } from '@livechat/server-kit';
import { freePort, spawnStandalone, type StandaloneProcess } from './standalone-process.js';

describe('standalone: `npm start` on an empty data folder', () => {
  let dataDir: string;
  let server: StandaloneProcess;
  let baseUrl: string;
  let metricsUrl: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'livechat-standalone-'));
    // A stand-in for the built web app (this suite does not build it), with a source map left in it.
    const webDir = join(dataDir, 'web');
    await mkdir(join(webDir, 'assets'), { recursive: true });
    await writeFile(
      join(webDir, 'index.html'),
      '<!doctype html><title>LiveChat</title><div id="root"></div>',
    );
    await writeFile(join(webDir, 'assets', 'app-1234.js'), 'console.log("app");\n');
    await writeFile(join(webDir, 'sw.js'), 'self.addEventListener("fetch", () => undefined);\n');
    await writeFile(join(webDir, 'manifest.webmanifest'), '{"name":"LiveChat"}');
    await writeFile(join(webDir, 'assets', 'app-1234.js.map'), '{"version":3,"sources":["secret.ts"]}');
    const port = await freePort();
    const metricsPort = await freePort();
    baseUrl = `http://localhost:${port}`;
    metricsUrl = `http://127.0.0.1:${metricsPort}`;
    server = spawnStandalone({
      DATA_DIR: join(dataDir, 'data'),
      PORT: String(port),
      METRICS_PORT: String(metricsPort),
      WEB_DIST_DIR: webDir,
    });
    await server.printed('LiveChat is running');
  });

  it('says in its banner which folder holds the data', () => {
    expect(server.output()).toContain(`Data folder: ${join(dataDir, 'data')} (embedded PGlite and keys)`);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const api = (token?: string) =>
    createApiClient({ baseUrl, getToken: () => token ?? null, headers: () => ({ origin: baseUrl }) });

  /** Registers through the API, verifies through the link in the dev mailbox, logs in. */
  async function signUp(displayName: string) {
    const email = `${displayName.toLowerCase()}-${randomUUID().slice(0, 6)}@example.com`;
    const password = 'a long enough password';
    await api().call('register', { body: { email, password, displayName } });
    const { mails } = await api().call('devMailbox', { query: { to: email } });
    const token = /verify-email\?token=([A-Za-z0-9_-]+)/.exec(mails[0]?.text ?? '')?.[1];
    expect(token).toBeDefined();
    await api().call('verifyEmail', { body: { token: token! } });
    const session = await api().call('login', { body: { email, password } });
    return { ...session.user, password, token: session.accessToken };
  }

  function connect(token: string): Promise<Socket> {
    const socket = io(baseUrl, {
      transports: ['websocket'],
      reconnection: false,
      auth: { token, protocolVersion: PROTOCOL_VERSION },
      extraHeaders: { origin: baseUrl },
    });
    sockets.push(socket);
    return new Promise((resolve, reject) => {
      socket.once('ready', () => resolve(socket));
      socket.once('connect_error', reject);
    });
  }

  it('lets two people sign up, make a room and chat in real time', async () => {
    const ada = await signUp('Ada');
    const bo = await signUp('Bo');
    const room = await api(ada.token).call('createRoom', {
      body: { name: 'standalone', memberIds: [bo.id] },
    });
    const [adaSocket, boSocket] = await Promise.all([connect(ada.token), connect(bo.token)]);
    const adaInbox: MessageNewEvent[] = [];
    const boInbox: MessageNewEvent[] = [];
    adaSocket.on('message:new', (event: MessageNewEvent) => adaInbox.push(event));
    boSocket.on('message:new', (event: MessageNewEvent) => boInbox.push(event));

    const send = (token: string, body: string) =>
      api(token).call('sendMessage', { params: { id: room.id }, body: { clientId: randomUUID(), body } });
    await send(ada.token, 'hi Bo');
    await send(bo.token, 'hi Ada');

    const deadline = Date.now() + 10_000;
    while ((adaInbox.length < 2 || boInbox.length < 2) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    for (const inbox of [adaInbox, boInbox]) {
      expect(inbox.map((event) => [event.message.seq, event.message.body])).toEqual([
        [1, 'hi Bo'],
        [2, 'hi Ada'],
      ]);
    }
  });

  /** Every header of the one policy (server-kit's), with its exact value. */
  const expectHeaderPolicy = (headers: Headers, what: string) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS))
      expect(headers.get(name), `${name} on ${what}`).toBe(value);
  };

  it('answers log in, refresh, the user and their rooms with the header policy, never cached', async () => {
    const ada = await signUp('Hedy');
    const answers = await sessionRouteAnswers(baseUrl, baseUrl, { email: ada.email, password: ada.password });
    expect(answers.map((answer) => answer.route)).toEqual(['login', 'refresh', 'me', 'listRooms']);
    for (const { route, headers } of answers) {
      expect(headers.get('content-type'), route).toMatch(/^application\/json/);
      expectHeaderPolicy(headers, route);
      expect(headers.get('cache-control'), route).toBe(DEFAULT_CACHE_CONTROL);
    }
  });

  it('serves Swagger UI under the same policy: a CSP, and no framing', async () => {
    const docs = await fetch(`${baseUrl}/api/docs/`);
    expect(docs.status).toBe(200);
    expect(docs.headers.get('content-type')).toMatch(/^text\/html/);
    expectHeaderPolicy(docs.headers, '/api/docs/');
    expect(CONTENT_SECURITY_POLICY).toMatch(/frame-ancestors 'none'/);
  });

  it("holds Engine.IO's own answers under /socket.io/ to the policy too", async () => {
    // WebSocket only: a polling request is refused by Engine.IO itself, outside Fastify.
    const refused = await fetch(`${baseUrl}/socket.io/?EIO=4&transport=polling`);
    expect(refused.status).toBe(400);
    expectHeaderPolicy(refused.headers, '/socket.io/');
  });

  it('lets pages connect only to their own origin (no ws: or wss: to any host)', async () => {
    const page = await fetch(`${baseUrl}/`);
    const connectSrc = /connect-src ([^;]*)/.exec(page.headers.get('content-security-policy') ?? '')?.[1];
    expect(connectSrc).toBe("'self'");
  });

  it('serves the service worker and the web manifest with their types, revalidated on every use', async () => {
    const worker = await fetch(`${baseUrl}/sw.js`);
    expect(worker.headers.get('content-type')).toMatch(/^(application|text)\/javascript/);
    expect(worker.headers.get('cache-control')).toBe('no-cache');
    const manifest = await fetch(`${baseUrl}/manifest.webmanifest`);
    expect(manifest.headers.get('content-type')).toMatch(/^application\/manifest\+json/);
    expect(manifest.headers.get('cache-control')).toBe('no-cache');
    const asset = await fetch(`${baseUrl}/assets/app-1234.js`);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('does not publish a source map left in the build folder', async () => {
    expect((await fetch(`${baseUrl}/assets/app-1234.js`)).status).toBe(200);
    const map = await fetch(`${baseUrl}/assets/app-1234.js.map`);
    expect(map.status).toBe(404);
    expect(await map.text()).not.toContain('secret.ts');
  });

  it('serves /metrics only on the internal metrics port, not on the public one', async () => {
    const scraped = await fetch(`${metricsUrl}/metrics`);
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toMatch(/^# HELP http_request_duration_seconds /m);
    const publicAnswer = await fetch(`${baseUrl}/metrics`);
    expect(await publicAnswer.text()).not.toMatch(/^# HELP/m);
  });

  it('serves the web app (or its placeholder) with a Content-Security-Policy, and API 404s as problems', async () => {
    const page = await fetch(`${baseUrl}/rooms/anything`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    const missing = await fetch(`${baseUrl}/api/no-such-route`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('refuses a second process on the same data folder, saying why', async () => {
    const second = spawnStandalone({ DATA_DIR: join(dataDir, 'data'), PORT: String(await freePort()) });
    try {
      expect(await second.exited).toBe(1);
      expect(second.output()).toMatch(/in use by another LiveChat process/);
    } finally {
      await second.stop();
    }
  });
});
