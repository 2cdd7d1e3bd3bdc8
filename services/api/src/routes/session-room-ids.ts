import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { SessionRoomIds } from '@livechat/protocol';
import { ApiError } from '../errors.js';
import { defineRoute } from './define-route.js';

type Answer = SessionRoomIds['sessions'][number];

/**
 * `sessionRoomIds`: `myRoomIds` for many connecting sockets at once, each token checked as a `verified`
 * route would check it and answered on its own (one refused token does not fail the others). A gateway
 * in a connect storm sends one request and the database answers one query for the whole batch, instead
 * of a request and a query per socket. `user_id = any($1)` keeps one statement text whatever the size.
 */
export default async function sessionRoomIdsRoute(app: FastifyInstance): Promise<void> {
  defineRoute(app, 'sessionRoomIds', async ({ body }) => {
    const checked = await Promise.all(
      body.tokens.map((token) =>
        app.verifyAccess(token, 'verified').then(
          (verified) => verified.userId,
          (error: unknown) => {
            if (error instanceof ApiError) return error;
            throw error;
          },
        ),
      ),
    );
    const userIds = [...new Set(checked.filter((each) => typeof each === 'string'))];
    const roomIdsOf = new Map(userIds.map((userId) => [userId, [] as string[]]));
    if (userIds.length > 0) {
      const rows = await app.db
        .selectFrom('room_members')
        .select(['user_id', 'room_id'])
        .where(sql<boolean>`user_id = any(${userIds}::uuid[])`)
        .execute();
      for (const row of rows) roomIdsOf.get(row.user_id)!.push(row.room_id);
    }
    const sessions = checked.map((each): Answer =>
      typeof each === 'string'
        ? { roomIds: roomIdsOf.get(each)! }
        : { error: { code: each.code, message: each.message } },
    );
    return { sessions };
  });
}
