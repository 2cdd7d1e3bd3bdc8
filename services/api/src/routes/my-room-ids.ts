import type { FastifyInstance } from 'fastify';
import { defineRoute } from './define-route.js';

/**
 * `myRoomIds`: the ids of the caller's rooms and nothing else — what a gateway needs to subscribe a
 * connecting socket. One index lookup on room_members, no summaries or last-message joins, so a
 * reconnect storm costs the database little.
 */
export default async function myRoomIdsRoute(app: FastifyInstance): Promise<void> {
  defineRoute(app, 'myRoomIds', async ({ auth }) => {
    const rows = await app.db
      .selectFrom('room_members')
      .select('room_id')
      .where('user_id', '=', auth.userId)
      .execute();
    return { roomIds: rows.map((row) => row.room_id) };
  });
}
