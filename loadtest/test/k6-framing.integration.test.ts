import { createApiClient } from '@livechat/client';
import { buildUser, startTestApi, type TestApi, type TestUser } from '@livechat/api/testing';
import type { MessageNewEvent } from '@livechat/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { EVENTS, handshakeAuth } from '../k6/lib/livechat-contract.js';
import { createSocketIoSession, socketIoUrl, type SocketIoSession } from '../k6/lib/socketio-framing.js';
import { BENCH_ORIGIN, startGatewayProcess, type GatewayProcess } from '../src/realtime/gateway-process.js';

// k6 cannot run here, so its hand-written Socket.IO framing (the very module the k6 scripts import) is
// driven against a real gateway process and a real API: handshake, refusal, ack and a real message event.

interface FramedSocket {
  session: SocketIoSession;
  events: [string, unknown[]][];
  refusal: Promise<unknown>;
  close(): void;
}

function openFramedSocket(gatewayUrl: string, token: string): FramedSocket {
  const ws = new WebSocket(socketIoUrl(gatewayUrl), { origin: BENCH_ORIGIN });
  const events: [string, unknown[]][] = [];
  let refused: (data: unknown) => void = () => undefined;
  const session = createSocketIoSession(handshakeAuth(token), (text) => ws.send(text), {
    onEvent: (name, args) => void events.push([name, args]),
    onConnectError: (data) => refused(data),
  });
  ws.on('message', (data: Buffer) => session.receive(data.toString()));
  return {
    session,
    events,
    refusal: new Promise((resolve) => (refused = resolve)),
    close: () => ws.close(),
  };
}

/** Polls until `find` returns something (the socket is driven by incoming frames, not by promises). */
async function waitFor<T>(find: () => T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('k6 Socket.IO framing against a real gateway', () => {
  let api: TestApi;
  let gateway: GatewayProcess;
  let alice: TestUser;
  let bob: TestUser;
  let roomId: string;
  const sockets: FramedSocket[] = [];

  beforeAll(async () => {
    api = await startTestApi({ redis: true, listen: true });
    gateway = await startGatewayProcess({
      apiUrl: api.url,
      publicKeys: api.deps.keys.publicKeys,
      redisPrefix: api.config.REDIS_PREFIX,
    });
    alice = await buildUser(api.app, { displayName: 'Alice' });
    bob = await buildUser(api.app, { displayName: 'Bob' });
    const room = await createApiClient({ baseUrl: api.url, getToken: () => alice.token }).call('createRoom', {
      body: { name: 'framing', memberIds: [bob.id] },
    });
    roomId = room.id;
  });

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await gateway?.stop();
    await api?.close();
  });

  it('connects with a real token, is told ready, and receives a message sent over REST', async () => {
    const socket = openFramedSocket(gateway.url, bob.token);
    sockets.push(socket);
    const [ready] = await waitFor(() => socket.events.find(([name]) => name === EVENTS.ready)?.[1], 'ready');
    expect(socket.session.state()).toBe('connected');
    expect(ready).toEqual({ rooms: 1 });

    const sent = await createApiClient({ baseUrl: api.url, getToken: () => alice.token }).call(
      'sendMessage',
      {
        params: { id: roomId },
        body: { clientId: 'framing-1', body: 'hello through raw frames' },
      },
    );
    const [event] = (await waitFor(
      () => socket.events.find(([name]) => name === EVENTS.messageNew)?.[1],
      'message:new',
    )) as [MessageNewEvent];
    expect(event.roomId).toBe(roomId);
    expect(event.message).toMatchObject({ id: sent.id, seq: sent.seq, body: 'hello through raw frames' });
    expect(event.message.sender.id).toBe(alice.id);
  });

  it('gets the acknowledgement of an event it emits with an ack id', async () => {
    const socket = openFramedSocket(gateway.url, alice.token);
    sockets.push(socket);
    await waitFor(() => socket.events.find(([name]) => name === EVENTS.ready), 'ready');
    let answer: unknown;
    socket.session.emit('presence:query', { userIds: [alice.id] }, (result) => (answer = result));
    expect(await waitFor(() => answer, 'presence ack')).toEqual({ ok: true, data: { online: [alice.id] } });
  });

  it('decodes a refused handshake with its error code', async () => {
    const socket = openFramedSocket(gateway.url, 'not-a-token');
    sockets.push(socket);
    const refusal = await socket.refusal;
    expect(socket.session.state()).toBe('refused');
    expect(refusal).toMatchObject({ data: { code: 'unauthenticated' } });
  });
});
