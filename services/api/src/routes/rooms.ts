import type { FastifyInstance } from 'fastify';
import { addMembers } from '../rooms/add-members.js';
import { changeMemberRole } from '../rooms/change-member-role.js';
import { transferOwnership } from '../rooms/transfer-ownership.js';
import { createRoom } from '../rooms/create-room.js';
import { deleteRoom } from '../rooms/delete-room.js';
import { listMembers } from '../rooms/room-members.js';
import { listRoomSummaries, roomSummariesFor } from '../rooms/room-summaries.js';
import { removeMember } from '../rooms/remove-member.js';
import { renameRoom } from '../rooms/rename-room.js';
import { setNotificationLevel } from '../rooms/notification-level.js';
import { roomNotFound } from '../errors.js';
import { defineRoute } from './define-route.js';
import { canonicalId } from '../rooms/canonical-id.js';

/** Rooms and their members. Every route answers the same 404 for a missing room and a foreign one. */
export default async function roomRoutes(app: FastifyInstance): Promise<void> {
  defineRoute(app, 'listRooms', async ({ auth }) => ({
    rooms: await listRoomSummaries(app.db, auth.userId),
  }));

  defineRoute(app, 'createRoom', ({ auth, body }) => createRoom(app, auth.userId, body));

  defineRoute(app, 'getRoom', async ({ auth, params }) => {
    const roomId = canonicalId(params.id);
    const room = (await roomSummariesFor(app.db, roomId, [auth.userId])).get(auth.userId);
    if (!room) throw roomNotFound();
    return { room, members: await listMembers(app.db, roomId) };
  });

  defineRoute(app, 'renameRoom', ({ auth, params, body }) =>
    renameRoom(app, auth.userId, canonicalId(params.id), body.name),
  );

  defineRoute(app, 'deleteRoom', async ({ auth, params }) => {
    await deleteRoom(app, auth.userId, canonicalId(params.id));
    return { ok: true as const };
  });

  defineRoute(app, 'addMembers', async ({ auth, params, body }) => ({
    members: await addMembers(app, auth.userId, canonicalId(params.id), body),
  }));

  defineRoute(app, 'changeMemberRole', async ({ auth, params, body }) => ({
    members: await changeMemberRole(
      app,
      auth.userId,
      canonicalId(params.id),
      canonicalId(params.userId),
      body.role,
    ),
  }));

  defineRoute(app, 'transferOwnership', async ({ auth, params, body }) => ({
    members: await transferOwnership(app, auth.userId, canonicalId(params.id), canonicalId(body.userId)),
  }));

  defineRoute(app, 'setNotificationLevel', ({ auth, params, body }) =>
    setNotificationLevel(app, auth.userId, canonicalId(params.id), body.level),
  );

  defineRoute(app, 'removeMember', async ({ auth, params }) => {
    await removeMember(app, auth.userId, canonicalId(params.id), canonicalId(params.userId));
    return { ok: true as const };
  });
}
