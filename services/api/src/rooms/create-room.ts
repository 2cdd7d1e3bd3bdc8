import { normalizeName } from '@livechat/protocol';
import type { FastifyInstance } from 'fastify';
import type { CreateRoomBody, RoomSummary } from '@livechat/protocol';
import { requireVerifiedUsers } from './require-verified-users.js';
import { roomSummariesFor } from './room-summaries.js';
import { welcomeOperations } from './room-welcome.js';
import { publicUser } from '../users/public-user.js';

/**
 * Creates a room with its creator as owner and the given people as members, all in one transaction:
 * an unknown or unverified member id refuses the whole request and nothing is created. Every initial
 * member hears `room:created` with the room as they see it, and their sockets join its channel.
 */
export async function createRoom(
  app: FastifyInstance,
  creatorId: string,
  body: CreateRoomBody,
): Promise<RoomSummary> {
  // Listing yourself is harmless: you are the owner anyway.
  const memberIds = [...new Set((body.memberIds ?? []).map((id) => id.toLowerCase()))].filter(
    (id) => id !== creatorId,
  );
  return app.transact(async (trx, outbox) => {
    await requireVerifiedUsers(trx, memberIds, 'body.memberIds');
    const room = await trx
      .insertInto('rooms')
      .values({ name: normalizeName(body.name), created_by: creatorId, member_count: 1 + memberIds.length })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('room_members')
      .values([
        { room_id: room.id, user_id: creatorId, role: 'owner' as const },
        ...memberIds.map((userId) => ({ room_id: room.id, user_id: userId, role: 'member' as const })),
      ])
      .execute();
    const everyone = [creatorId, ...memberIds];
    const summaries = await roomSummariesFor(trx, room.id, everyone);
    const by = await publicUser(trx, creatorId);
    await outbox.record(
      ...everyone.flatMap((userId) => welcomeOperations(userId, summaries.get(userId)!, by)),
    );
    return summaries.get(creatorId)!;
  });
}
