import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, startTestApi, type TestApi, type TestUser } from '@livechat/api/testing';
import { roomChannel, type DisconnectingEvent, type TypingEvent } from '@livechat/protocol';
import { actAs } from './support/api-actions.js';
import { startGateway, type TestGateway } from './support/gateway-harness.js';
import {
  collect,
  connectReady,
  disconnected,
  eventually,
  pause,
  request,
  type TestSocket,
} from './support/socket-client.js';

const EVENTS_PER_10S = 20;
const anyText: unknown = expect.any(String);
const MAX_BUFFERED = 64 * 1024;
const SWEEP_MS = 50;
const MAX_PAYLOAD = 24 * 1024; // room for the 501-id presence query below

describe('hostile and broken clients', () => {
  let api: TestApi;
  let gateway: TestGateway;
  let owner: TestUser;
  let member: TestUser;
  let roomId: string;
  const sockets: TestSocket[] = [];
  const connect = async (user: TestUser) => {
    const socket = await connectReady(gateway.url, user.token);
    sockets.push(socket);
    return socket;
  };
  /** A well-behaved client that must keep being served whatever the others do. */
  const stillServed = async (socket: TestSocket) => {
    expect(socket.connected).toBe(true);
    // Any answer proves the socket is served; an unknown event costs the least of the user's budget.
    expect(await request(socket, 'still:there', {})).toMatchObject({
      ok: false,
      error: { code: 'bad_request' },
    });
  };

  beforeAll(async () => {
    api = await startTestApi({ redis: true, listen: true });
    gateway = await startGateway(api, {
      SOCKET_EVENTS_PER_10S: String(EVENTS_PER_10S),
      SOCKET_MAX_BUFFERED_BYTES: String(MAX_BUFFERED),
      SOCKET_SWEEP_MS: String(SWEEP_MS),
      SOCKET_MAX_PAYLOAD_BYTES: String(MAX_PAYLOAD),
    });
    [owner, member] = await Promise.all([buildUser(api.app), buildUser(api.app)]);
    roomId = (await actAs(api, owner).createRoom('hostile', [member])).id;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await gateway.close();
    await api.close();
  });

  it('answers unknown events and bad payloads with error acks, and stays up', async () => {
    const socket = await connect(owner);
    const bystander = await connect(member);
    const refusal = (code: string) => ({ ok: false, error: { code, message: anyText } });

    expect(await request(socket, 'admin:drop-tables', {})).toEqual(refusal('bad_request'));
    expect(await request(socket, 'typing:start', { roomId: 42 })).toEqual(refusal('validation_failed'));
    expect(await request(socket, 'typing:start', 'room')).toEqual(refusal('validation_failed'));
    expect(await request(socket, 'typing:start', { roomId }, 'extra')).toEqual(refusal('validation_failed'));
    expect(await request(socket, 'typing:start')).toEqual(refusal('validation_failed'));
    expect(await request(socket, 'presence:query', { userIds: Array(501).fill(owner.id) })).toEqual(
      refusal('validation_failed'),
    );
    expect(await request(socket, 'auth:refresh', { token: 7 })).toEqual(refusal('validation_failed'));
    // Without an ack callback there is nobody to answer: the event is dropped, nothing breaks.
    (socket as unknown as { emit(event: string, payload: unknown): void }).emit('typing:start', null);
    await stillServed(socket);
    await stillServed(bystander);
  });

  it('sends typing only to the other members of a room the socket is in, throttled', async () => {
    const typist = await connect(owner);
    const typistOtherTab = await connect(owner);
    const listener = await connect(member);
    const heard = collect<TypingEvent>(listener, 'typing');
    const echoed = collect<TypingEvent>(typistOtherTab, 'typing');

    expect(await request(typist, 'typing:start', { roomId })).toEqual({ ok: true });
    expect(await request(typist, 'typing:start', { roomId })).toEqual({ ok: true }); // throttled, not an error
    await eventually(() => heard.length === 1, 'the typing indicator');
    await pause(300);
    expect(heard).toEqual([{ roomId, userId: owner.id, displayName: owner.displayName }]);
    expect(echoed).toEqual([]);

    const elsewhere = (await actAs(api, member).createRoom('not yours')).id;
    expect(await request(typist, 'typing:start', { roomId: elsewhere })).toEqual({
      ok: false,
      error: { code: 'not_found', message: anyText },
    });
  });

  it('rate-limits a flooding user across all of their sockets, then cuts the flooder off, and keeps serving the others', async () => {
    const user = await buildUser(api.app);
    const [flooder, otherTab] = [await connect(user), await connect(user)];
    const bystander = await connect(member);
    const reasons = collect<DisconnectingEvent>(flooder, 'connection:closing');
    const gone = disconnected(flooder);
    // One budget for the user, whichever socket spends it: a second tab buys no more.
    type Answer = { ok: boolean; error?: { code: string } };
    const acks = await Promise.all(
      Array.from({ length: EVENTS_PER_10S + 1 }, (_, index) =>
        request<Answer>(index % 2 ? otherTab : flooder, 'typing:start', { roomId: 'not-a-uuid' }),
      ),
    );
    const codes = acks.map((ack) => ack.error?.code);
    expect(codes.filter((code) => code === 'validation_failed')).toHaveLength(EVENTS_PER_10S);
    expect(codes.filter((code) => code === 'rate_limited')).toHaveLength(1);

    const emitter = flooder as unknown as { emit(event: string, payload: unknown): void };
    for (let index = 0; index < EVENTS_PER_10S * 2; index++) emitter.emit('presence:query', { userIds: [] });
    await gone;
    expect(reasons).toEqual([expect.objectContaining({ code: 'rate_limited' })]);
    await stillServed(bystander);
  });

  it('takes a packet up to SOCKET_MAX_PAYLOAD_BYTES, cuts off a bigger or malformed one', async () => {
    const bystander = await connect(member);
    const big = await connect(owner);
    // `42["typing:start",{"roomId":"xxx…"}]`: 30 bytes of framing around the id.
    const framing = 30;
    expect(
      await request(big, 'typing:start', { roomId: 'x'.repeat(MAX_PAYLOAD - framing - 10) }),
    ).toMatchObject({
      ok: false,
      error: { code: 'validation_failed' },
    });
    const bigGone = disconnected(big);
    (big as unknown as { emit(event: string, payload: unknown): void }).emit('typing:start', {
      roomId: 'x'.repeat(MAX_PAYLOAD - framing + 10),
    });
    expect(await bigGone).toBe('transport close');

    const garbled = await connect(owner);
    const garbledGone = disconnected(garbled);
    (garbled.io.engine as unknown as { write(data: string): void }).write('2["typing:start",{');
    await garbledGone;
    await stillServed(bystander);
  });

  it('disconnects a slow consumer once its outgoing buffer passes the cap (checked by the sweep)', async () => {
    const reader = await connect(member);
    const stalled = await connect(owner);
    const stalledId = stalled.id!;
    // Stop reading from the TCP socket, as a client on a dead network link or a frozen tab would.
    const transport = stalled.io.engine.transport as unknown as { ws: { _socket: { pause(): void } } };
    transport.ws._socket.pause();

    // Feed it until the kernel's buffers are full and ours start to grow (loopback buffers hold megabytes).
    const bulky = { roomId, userId: member.id, displayName: 'x'.repeat(10_000) };
    const sockets = gateway.app.io.of('/').sockets;
    // The sweep looks every SWEEP_MS: feed about 1 MB per sweep until it notices (several sweeps at most).
    for (let batch = 0; batch < 100 && sockets.has(stalledId); batch++) {
      for (let index = 0; index < 100; index++) gateway.app.io.to(stalledId).emit('typing', bulky);
      await pause(SWEEP_MS);
    }

    expect(sockets.has(stalledId)).toBe(false);
    const metrics = await gateway.app.metrics.metrics();
    expect(metrics).toMatch(/gateway_sockets_cut_off_total\{reason="slow_consumer"\} 1\n/);
    const received = collect<TypingEvent>(reader, 'typing');
    gateway.app.io.to(roomChannel(roomId)).emit('typing', bulky);
    await eventually(() => received.length === 1, 'the reader to keep receiving');
    await stillServed(reader);
  });
});
