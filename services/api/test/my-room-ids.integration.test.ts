import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRoom, buildUser } from './support/factories.js';
import { callRoute, refusedRoute, requestRoute } from './support/route-request.js';
import { startTestApi, type TestApi } from './support/test-api.js';

describe('myRoomIds (what a gateway subscribes a connecting socket to)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  it('answers exactly the ids of my rooms, and follows leaving', async () => {
    const [me, other] = await Promise.all([buildUser(api.app), buildUser(api.app)]);
    expect(await callRoute(api.app, me, 'myRoomIds')).toEqual({ roomIds: [] });
    const mine = await buildRoom(api.app, me);
    const shared = await buildRoom(api.app, other, [me]);
    await buildRoom(api.app, other);

    const { roomIds } = await callRoute(api.app, me, 'myRoomIds');
    expect(roomIds.sort()).toEqual([mine.id, shared.id].sort());

    await callRoute(api.app, me, 'removeMember', { params: { id: shared.id, userId: me.id } });
    expect(await callRoute(api.app, me, 'myRoomIds')).toEqual({ roomIds: [mine.id] });
  });

  it('is for signed-in, verified users only', async () => {
    const unverified = await buildUser(api.app, { verified: false });
    expect(await refusedRoute(api.app, unverified, 'myRoomIds')).toMatchObject({
      status: 403,
      code: 'email_not_verified',
    });
    const anonymous = await requestRoute(api.app, null, 'myRoomIds');
    expect(anonymous.statusCode).toBe(401);
  });
});
