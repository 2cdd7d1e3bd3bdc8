import type { FastifyInstance } from 'fastify';
import passwordRoutes from './password.js';
import registrationRoutes from './registration.js';
import sessionListRoutes from './session-list.js';
import sessionRoutes from './session.js';

/**
 * Every auth route is rate limited per client IP and per account. Decision on unverified accounts: they
 * can log in and use the 'user' routes (who am I, profile, change password, resend the link), so a
 * mistyped or slow mailbox never locks anyone out; every 'verified' route (rooms, messages, finding
 * people) answers 403 `email_not_verified` until a refresh after verifying carries `ev: true`.
 */
export default async function authRoutes(app: FastifyInstance): Promise<void> {
  await app.register(registrationRoutes);
  await app.register(sessionRoutes);
  await app.register(sessionListRoutes);
  await app.register(passwordRoutes);
}
