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
    displayName,
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

/** The newest mail queued for `to`, straight from the mail queue (what the dev mailbox lists). */
export async function latestMailTo(
  app: FastifyInstance,
  to: string,
): Promise<{ id: string; subject: string; text: string; html: string }> {
  // Forgot-password and resend-verification queue their mail after answering.
  await app.mailRequests.idle();
  const row = await app.db
    .selectFrom('mail_outbox')
    .select(['id', 'subject', 'text_body as text', 'html_body as html'])
    .where('to_address', '=', to.toLowerCase())
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (!row) throw new Error(`no mail to ${to}`);
  return row;
}

/** The token of the link to `page` (`verify-email`, `reset-password`) in a mail's text. */
export function linkToken(text: string, page: string): string {
  const token = new RegExp(`/${page}\\?token=([A-Za-z0-9_-]+)`).exec(text)?.[1];
  if (!token) throw new Error(`no ${page} link in: ${text}`);
  return token;
}

export interface TestSession {
  accessToken: string;
  headers: { authorization: string };
  /** The refresh cookie's value. */
  refreshToken: string;
  /** The session (refresh family) id, the access token's `sid`. */
  sessionId: string;
}

/** Logs in through the API (a new session): access token and refresh cookie. */
export async function logIn(
  app: FastifyInstance,
  email: string,
  password = DEFAULT_PASSWORD,
): Promise<TestSession> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password },
  });
  if (response.statusCode !== 200) throw new Error(`login failed: ${response.body}`);
  const { accessToken } = response.json<{ accessToken: string }>();
  const cookie = response.cookies.find((candidate) => candidate.name === 'lc_refresh');
  if (!cookie) throw new Error('login set no refresh cookie');
  return {
    accessToken,
    headers: { authorization: `Bearer ${accessToken}` },
    refreshToken: cookie.value,
    sessionId: (await app.tokens.verify(accessToken)).sessionId,
  };
}

/** The people of the room suites: a room's owner, two members-to-be and someone in none of their rooms. */
export async function buildCast(app: FastifyInstance) {
  const [owner, alice, bob, outsider] = await Promise.all(
    ['Owner', 'Alice', 'Bob', 'Outsider'].map((displayName) => buildUser(app, { displayName })),
  );
  return { owner: owner!, alice: alice!, bob: bob!, outsider: outsider! };
}
