import { roomChannel, userChannel, type PublicUser, type RoomSummary } from '@livechat/protocol';
import { emit, type OutboxOperation } from '../events/outbox-operation.js';

/**
 * What a user's devices need when the user joins a room (created with them, or added later): their
 * sockets join the room's channel, then they hear `room:created` with the room as they see it. The join
 * is recorded first so that a client hearing `room:created` is already receiving the room's events. `by` is
 * who created the room or added them, for the notice "Alice added you to Team".
 */
export function welcomeOperations(userId: string, summary: RoomSummary, by: PublicUser): OutboxOperation[] {
  return [
    { kind: 'join', channel: userChannel(userId), rooms: [roomChannel(summary.id)] },
    emit([userChannel(userId)], 'room:created', { room: summary, by }),
  ];
}
