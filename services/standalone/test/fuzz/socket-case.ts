import fc from 'fast-check';
import { CLIENT_EVENTS, HandshakeAuth, type ClientEventName } from '@livechat/protocol';
import { fixtureOverride } from './fixture-override.js';
import { INJECTION_TEXTS } from './hostile-values.js';
import type { OriginKind } from './http-case.js';
import { asJsonSchema } from './json-schema.js';
import { mutatedArbitrary } from './mutated-arbitrary.js';
import { validArbitrary } from './valid-arbitrary.js';

/** One emit: an event name, its arguments (before the ack callback), and whether to ask for an ack. */
export interface SocketEventCase {
  event: string;
  args: unknown[];
  ack: boolean;
}

export interface HandshakeCase {
  auth: unknown;
  origin: OriginKind;
}

/** Names socket.io-client refuses to emit (it throws): they never reach a server from this client. */
const RESERVED = new Set([
  'connect',
  'connect_error',
  'disconnect',
  'disconnecting',
  'newListener',
  'removeListener',
]);

const withAck = fc.oneof(
  { arbitrary: fc.constant(true), weight: 9 },
  { arbitrary: fc.constant(false), weight: 1 },
);

/** A client event of the protocol with a valid payload, a mutated one, none, or one too many. */
export function socketEventArbitrary(event: ClientEventName): fc.Arbitrary<SocketEventCase> {
  const schema = asJsonSchema(CLIENT_EVENTS[event]);
  const valid = validArbitrary(schema, fixtureOverride);
  const args = fc.oneof(
    { arbitrary: valid.map((payload): unknown[] => [payload]), weight: 5 },
    { arbitrary: mutatedArbitrary(schema, fixtureOverride).map((payload) => [payload]), weight: 5 },
    { arbitrary: fc.constant<unknown[]>([]), weight: 1 },
    { arbitrary: fc.tuple(valid, fc.jsonValue({ maxDepth: 1 })).map((list) => [...list]), weight: 1 },
  );
  return fc.record({ event: fc.constant(event), args, ack: withAck });
}

/** Events the protocol does not define: server event names, prototype keys, near misses, random text. */
export const unknownEventArbitrary: fc.Arbitrary<SocketEventCase> = fc.record({
  event: fc
    .oneof(
      fc.constantFrom(
        'message:new',
        'typing',
        'ready',
        'connection:closing',
        'AUTH:REFRESH',
        'typing:start ',
        'typing:stop',
        '__proto__',
        'constructor',
        'toString',
        'hasOwnProperty',
        '',
        'x'.repeat(10_000),
        ...INJECTION_TEXTS,
      ),
      fc.string({ maxLength: 30 }),
    )
    .filter((name) => !RESERVED.has(name) && !(name in CLIENT_EVENTS)),
  args: fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 2 }),
  ack: withAck,
});

/** Handshake `auth` payloads: valid (with our tokens and others), mutated, or not an object at all. */
export const handshakeArbitrary: fc.Arbitrary<HandshakeCase> = fc.record({
  auth: fc.oneof(
    { arbitrary: validArbitrary(asJsonSchema(HandshakeAuth), fixtureOverride), weight: 4 },
    { arbitrary: mutatedArbitrary(asJsonSchema(HandshakeAuth), fixtureOverride), weight: 5 },
    { arbitrary: fc.constantFrom<unknown>(null, 'token', 42, [], [{ token: 'x' }], true), weight: 1 },
  ),
  origin: fc.oneof(
    { arbitrary: fc.constant('ours' as const), weight: 8 },
    { arbitrary: fc.constantFrom('foreign' as const, 'null' as const, 'none' as const), weight: 2 },
  ),
});
