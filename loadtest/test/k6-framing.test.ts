import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createSocketIoSession,
  decodeFrame,
  encodeAck,
  encodeConnect,
  encodeEvent,
  socketIoUrl,
} from '../k6/lib/socketio-framing.js';

// Wire-level checks of the framing the k6 scripts use; k6-framing.integration.test.ts checks it against a gateway.
describe('Socket.IO framing for k6', () => {
  it('builds the websocket-transport URL from an http or ws base', () => {
    expect(socketIoUrl('http://127.0.0.1:3001/')).toBe(
      'ws://127.0.0.1:3001/socket.io/?EIO=4&transport=websocket',
    );
    expect(socketIoUrl('https://chat.example')).toBe(
      'wss://chat.example/socket.io/?EIO=4&transport=websocket',
    );
  });

  it('encodes connect and events as Socket.IO v5 does', () => {
    expect(encodeConnect({ token: 't' })).toBe('40{"token":"t"}');
    expect(encodeConnect({ token: 't' }, '/admin')).toBe('40/admin,{"token":"t"}');
    expect(encodeEvent('typing:start', [{ roomId: 'r' }])).toBe('42["typing:start",{"roomId":"r"}]');
    expect(encodeEvent('presence:query', [{ userIds: [] }], 7)).toBe('427["presence:query",{"userIds":[]}]');
  });

  it('decodes what it encodes: events, acks and connects, any namespace and ack id', () => {
    const json = fc.jsonValue();
    const namespace = fc.constantFrom('/', '/admin');
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }),
        fc.array(json),
        fc.option(fc.nat()),
        namespace,
        (name, args, ackId, ns) => {
          const frame = decodeFrame(encodeEvent(name, args, ackId, ns));
          expect(frame).toEqual({
            kind: 'event',
            namespace: ns,
            ackId,
            name,
            args: JSON.parse(JSON.stringify(args)) as unknown,
          });
        },
      ),
    );
    fc.assert(
      fc.property(fc.nat(), fc.array(json), (ackId, args) => {
        expect(decodeFrame(encodeAck(ackId, args))).toEqual({
          kind: 'ack',
          namespace: '/',
          ackId,
          args: JSON.parse(JSON.stringify(args)) as unknown,
        });
      }),
    );
  });

  it('runs the session: connect after open, pong to ping, acks to their callbacks', () => {
    const sent: string[] = [];
    const seen: unknown[] = [];
    const session = createSocketIoSession({ token: 't' }, (text) => sent.push(text), {
      onConnect: (data) => seen.push(['connect', data]),
      onEvent: (name, args) => seen.push([name, ...args]),
    });
    session.receive(
      '0{"sid":"s","upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}',
    );
    expect(sent).toEqual(['40{"token":"t"}']);
    session.receive('40{"sid":"x"}');
    expect(session.state()).toBe('connected');
    session.receive('2');
    expect(sent.at(-1)).toBe('3');
    session.receive('42["ready",{"rooms":2}]');
    let answer: unknown;
    session.emit('presence:query', { userIds: [] }, (result) => (answer = result));
    expect(sent.at(-1)).toBe('420["presence:query",{"userIds":[]}]');
    session.receive('430[{"ok":true,"data":{"online":[]}}]');
    expect(answer).toEqual({ ok: true, data: { online: [] } });
    expect(seen).toEqual([
      ['connect', { sid: 'x' }],
      ['ready', { rooms: 2 }],
    ]);
  });

  it('reports a refused handshake with its data', () => {
    let refusal: unknown;
    const session = createSocketIoSession({ token: 'bad' }, () => undefined, {
      onConnectError: (data) => (refusal = data),
    });
    session.receive('44{"message":"nope","data":{"code":"unauthenticated"}}');
    expect(session.state()).toBe('refused');
    expect(refusal).toEqual({ message: 'nope', data: { code: 'unauthenticated' } });
  });
});
