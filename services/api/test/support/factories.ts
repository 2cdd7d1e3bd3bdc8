import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Message, RoomSummary } from '@livechat/protocol';
import { hashPassword } from '../../src/auth/password.js';
import { callRoute } from './route-request.js';

export const DEFAULT_PASSWORD = 'correct horse battery staple';
let passwordHash: Promise<string> | undefined;

export interface TestUser {
  id: string;
  email: string;
  displayName: string;
  password: string;
  /** A valid access token for this user (a fresh session id). */
  token: string;
  /** `{ authorization: 'Bearer …' }` for `app.inject`. */
  headers: { authorization: string };
}

/**
 * Inserts a user straight into the database and signs an access token for them: fast, for tests of
 * everything but registration itself (those go through the real endpoints).
 */
export async function buildUser(
  app: FastifyInstance,
  overrides: { displayName?: string; email?: string; verified?: boolean } = {},
): Promise<TestUser> {
  const suffix = randomUUID().slice(0, 8);
  const displayName = overrides.displayName ?? `User ${suffix}`;
  const email = (overrides.email ?? `user-${suffix}@example.com`).toLowerCase();
  const verified = overrides.verified ?? true;
  const row = await app.db
    .insertInto('users')
    .values({
      email,
      display_name: displayName,
      password_hash: await (passwordHash ??= hashPassword(DEFAULT_PASSWORD)),
      email_verified_at: verified ? new Date() : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { token } = await app.tokens.sign({
    userId: row.id,
    sessionId: randomUUID(),
    emailVerified: verified,
  });
  return {
    id: row.id,
    email,
    displayName,
    password: DEFAULT_PASSWORD,
    token,
    headers: { authorization: `Bearer ${token}` },
  };
}

/** Creates a room through the API, owned by `owner`, with `members` as plain members. */
export async function buildRoom(
  app: FastifyInstance,
  owner: TestUser,
  members: TestUser[] = [],
  name = `Room ${randomUUID().slice(0, 8)}`,
): Promise<RoomSummary> {
  return callRoute(app, owner, 'createRoom', {
    body: { name, memberIds: members.map((member) => member.id) },
  });
}

/** Sends a message through the API (a fresh clientId unless given). */
export async function buildMessage(
  app: FastifyInstance,
  sender: TestUser,
  roomId: string,
  body = `Message ${randomUUID().slice(0, 8)}`,
  extra: { clientId?: string; replyTo?: string } = {},
): Promise<Message> {
  return callRoute(app, sender, 'sendMessage', {
    params: { id: roomId },
    body: {
      clientId: extra.clientId ?? randomUUID(),
      body,
      ...(extra.replyTo ? { replyTo: extra.replyTo } : {}),
    },
  });
}
