import { normalizeName } from '@livechat/protocol';
import type { FastifyInstance } from 'fastify';
import { searchUsers } from '../users/search-users.js';
import { requireUser, toSessionUser } from '../users/session-user.js';
import { unauthenticated } from '../errors.js';
import { defineRoute } from './define-route.js';

export default async function userRoutes(app: FastifyInstance): Promise<void> {
  defineRoute(app, 'me', async ({ auth }) => toSessionUser(await requireUser(app.db, auth.userId)));

  defineRoute(app, 'updateMe', async ({ auth, body }) => {
    const row = await app.db
      .updateTable('users')
      .set({ display_name: normalizeName(body.displayName) })
      .where('id', '=', auth.userId)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw unauthenticated('This account no longer exists; sign in again');
    return toSessionUser(row);
  });

  // Rate limited like the auth routes: an exact-address search tells whether an address has a
  // (verified) account, so it must not be cheap to try many.
  defineRoute(
    app,
    'searchUsers',
    async ({ auth, query }) => ({
      users: await searchUsers(app.db, {
        query: query.q,
        limit: query.limit ?? 20,
        excludeUserId: auth.userId,
      }),
    }),
    { preHandler: app.rateLimits.auth },
  );
}
