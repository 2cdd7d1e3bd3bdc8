import fc from 'fast-check';
import { AuthRefreshPayload, Email, HandshakeAuth, PROTOCOL_VERSION } from '@livechat/protocol';
import { refTo, type RefKind } from './fixture-ref.js';
import type { JsonSchema } from './json-schema.js';
import { validArbitrary, type ArbitraryOverride } from './valid-arbitrary.js';

const ROOM_KEYS = new Set(['id', 'roomId']);
const MESSAGE_KEYS = new Set(['messageId', 'replyTo']);
const USER_KEYS = new Set(['userId', 'userIds', 'memberIds']);
const PASSWORD_KEYS = new Set(['password', 'currentPassword']);
const ACCESS_TOKENS = new Set<unknown>([HandshakeAuth.properties.token, AuthRefreshPayload.properties.token]);

/** Mostly a fixture, sometimes the schema's own random value (an unknown id, an unknown address). */
const mostly = (schema: JsonSchema, weight: number, ...kinds: RefKind[]) =>
  fc.oneof({ arbitrary: refTo(...kinds), weight }, { arbitrary: validArbitrary(schema), weight: 1 });

/**
 * Points ids, addresses, passwords and tokens of generated inputs at the fuzz world, by field name: a
 * room id is one of the world's rooms (mine, shared, someone else's) or unknown, a user id one of its
 * people, so cases reach past "not found" into the handlers; sockets mostly speak our protocol version.
 */
export const fixtureOverride: ArbitraryOverride = (schema, path) => {
  const key = path.at(-1);
  if (key === 'protocolVersion')
    return fc.oneof(
      { arbitrary: fc.constant(PROTOCOL_VERSION), weight: 4 },
      { arbitrary: validArbitrary(schema), weight: 1 },
    );
  if (key === undefined || schema.type !== 'string') return undefined;
  if (schema.format === 'uuid') {
    if (ROOM_KEYS.has(key)) return mostly(schema, 4, 'ownRoom', 'memberRoom', 'foreignRoom');
    if (MESSAGE_KEYS.has(key)) return mostly(schema, 4, 'ownMessage', 'othersMessage', 'foreignMessage');
    if (USER_KEYS.has(key)) return mostly(schema, 4, 'self', 'otherUser', 'unverifiedUser');
    return mostly(schema, 4, 'ownRoom', 'foreignRoom', 'ownMessage', 'self', 'otherUser');
  }
  if ((schema as unknown) === Email) return mostly(schema, 1, 'selfEmail', 'otherEmail');
  if (PASSWORD_KEYS.has(key)) return mostly(schema, 1, 'selfPassword');
  if (ACCESS_TOKENS.has(schema))
    return mostly(schema, 4, 'selfToken', 'otherToken', 'unverifiedToken', 'tamperedToken');
  return undefined;
};
