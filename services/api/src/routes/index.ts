import type { FastifyInstance } from 'fastify';
import authRoutes from './auth/index.js';
import devMailboxRoutes from './dev-mailbox.js';
import devMailboxStatusRoute from './dev-mailbox-status.js';
import messageRoutes from './messages.js';
import myRoomIdsRoute from './my-room-ids.js';
import roomRoutes from './rooms.js';
import sessionRoomIdsRoute from './session-room-ids.js';
import userRoutes from './users.js';

export async function registerRoutes(app: FastifyInstance): Promise<void> {
  await app.register(authRoutes);
  await app.register(userRoutes);
  await app.register(roomRoutes);
  await app.register(myRoomIdsRoute);
  await app.register(sessionRoomIdsRoute);
  await app.register(messageRoutes);
  await app.register(devMailboxStatusRoute);
  if (app.config.DEV_MAILBOX) await app.register(devMailboxRoutes);
}
