import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_ROOM_IDS_MAX } from '@livechat/protocol';
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

  it('answers a batch of tokens (sessionRoomIds) one by one, in their order, refusals included', async () => {
    const [alice, bob, unverified] = await Promise.all([
      buildUser(api.app),
      buildUser(api.app),
      buildUser(api.app, { verified: false }),
    ]);
    const room = await buildRoom(api.app, alice, [bob]);
    const alone = await buildRoom(api.app, bob);
    const forged = `${alice.token.slice(0, -4)}AAAA`;
    const { sessions } = await callRoute(api.app, null, 'sessionRoomIds', {
      body: { tokens: [alice.token, forged, bob.token, unverified.token, alice.token] },
    });
    expect(sessions).toHaveLength(5);
    expect(sessions[0]).toEqual({ roomIds: [room.id] });
    expect(sessions[1]).toMatchObject({ error: { code: 'unauthenticated' } });
    expect((sessions[2] as { roomIds: string[] }).roomIds.sort()).toEqual([room.id, alone.id].sort());
    expect(sessions[3]).toMatchObject({ error: { code: 'email_not_verified' } });
    expect(sessions[4]).toEqual({ roomIds: [room.id] });
  });

  it('refuses an empty or oversized batch', async () => {
    const none = await requestRoute(api.app, null, 'sessionRoomIds', { body: { tokens: [] } });
    expect(none.statusCode).toBe(400);
    const user = await buildUser(api.app);
    const tooMany = Array.from({ length: SESSION_ROOM_IDS_MAX + 1 }, () => user.token);
    const over = await requestRoute(api.app, null, 'sessionRoomIds', { body: { tokens: tooMany } });
    expect(over.statusCode).toBe(400);
  });
});
