import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRoom, buildUser, type TestUser } from './support/factories.js';
import { requestRoute } from './support/route-request.js';
import { startTestApi, type TestApi } from './support/test-api.js';

const ROOMS = 30;

/**
 * A rename racing the room's deletion (found by the fuzz suite, services/standalone/test/fuzz): the rename
 * read the membership without locking the room, the delete committed, and the rename's UPDATE found no
 * row: a 500. It must answer as if the room was already gone (404), or win and rename it (200).
 */
describe('renaming a room while it is deleted', () => {
  let api: TestApi;
  let owner: TestUser;
  beforeAll(async () => {
    api = await startTestApi();
    owner = await buildUser(api.app);
  });
  afterAll(() => api.close());

  it('answers 200 or 404, never a 500', async () => {
    const rooms = await Promise.all(Array.from({ length: ROOMS }, () => buildRoom(api.app, owner)));
    const statuses = await Promise.all(
      rooms.flatMap((room) => [
        requestRoute(api.app, owner, 'deleteRoom', { params: { id: room.id } }).then(
          (r) => `delete ${r.statusCode}`,
        ),
        requestRoute(api.app, owner, 'renameRoom', {
          params: { id: room.id },
          body: { name: 'renamed' },
        }).then((r) => `rename ${r.statusCode}`),
      ]),
    );
    expect(statuses.filter((status) => !/^(delete 200|rename (200|404))$/.test(status))).toEqual([]);
  });
});
