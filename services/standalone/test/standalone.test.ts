import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { createApiClient } from '@livechat/client';
import { PROTOCOL_VERSION, type MessageNewEvent } from '@livechat/protocol';
import { CONTENT_SECURITY_POLICY } from '../src/web-app.js';
import { freePort, spawnStandalone, type StandaloneProcess } from './standalone-process.js';

describe('standalone: `npm start` on an empty data folder', () => {
  let dataDir: string;
  let server: StandaloneProcess;
  let baseUrl: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'livechat-standalone-'));
    const port = await freePort();
    baseUrl = `http://localhost:${port}`;
    server = spawnStandalone({ DATA_DIR: dataDir, PORT: String(port) });
    await server.printed('LiveChat is running');
  });

  it('says in its banner which folder holds the data', () => {
    expect(server.output()).toContain(`Data folder: ${dataDir} (embedded PGlite and keys)`);
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
    return { ...session.user, token: session.accessToken };
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
    const second = spawnStandalone({ DATA_DIR: dataDir, PORT: String(await freePort()) });
    try {
      expect(await second.exited).toBe(1);
      expect(second.output()).toMatch(/in use by another LiveChat process/);
    } finally {
      await second.stop();
    }
  });
});
