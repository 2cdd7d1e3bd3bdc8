import type { ClientEventHandler } from './client-event-handler.js';

/**
 * `presence:query`: which of these users are online. Answers only for users who share a room with the
 * asker, the same people who hear that user's transitions; anyone else reads as offline.
 */
export const presenceQuery: ClientEventHandler<'presence:query'> = async (socket, { userIds }, context) => ({
  online: await context.presence.onlineSharingRoom(socket.data.userId, [...new Set(userIds)]),
});
