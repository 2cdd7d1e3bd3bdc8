import type { OutboxOperation } from '../events/outbox-operation.js';

/**
 * Disconnects every socket in a channel (one session's, or all of a user's) on every gateway, telling
 * them why, once the revocation that causes it commits.
 */
export const disconnectSessions = (channel: string, message: string): OutboxOperation => ({
  kind: 'disconnect',
  channel,
  code: 'unauthenticated',
  message,
});
