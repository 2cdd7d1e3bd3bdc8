import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { hashPassword } from '../../src/auth/password.js';

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
