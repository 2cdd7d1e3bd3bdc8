import { roomChannel, userChannel } from '@livechat/protocol';
import type { ClientEventHandler } from './client-event-handler.js';
import { EventRefused } from './event-refused.js';

/**
 * `typing:start`: tells the other members of a room the user is typing — only for a room the socket is
 * subscribed to (membership as the API last told this replica), at most once per user and room per
 * throttle interval (more often is accepted and dropped), never to the typist's own tabs.
 */
export const typingStart: ClientEventHandler<'typing:start'> = async (socket, { roomId }, context) => {
  const channel = roomChannel(roomId);
  if (!socket.rooms.has(channel)) throw new EventRefused('not_found', 'No such room among yours');
  const { userId, displayName } = socket.data;
  if (!context.typing.allow(userId, roomId)) return undefined;
  context.io.to(channel).except(userChannel(userId)).emit('typing', { roomId, userId, displayName });
  return undefined;
};
