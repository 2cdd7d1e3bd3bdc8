import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCast, buildMessage, buildRoom, buildUser, type TestUser } from './support/factories.js';
import { callRoute, refusedRoute, requestRoute } from './support/route-request.js';
import { startTestApi, type TestApi } from './support/test-api.js';

describe('rooms', () => {
  let api: TestApi;
  let owner: TestUser;
  let alice: TestUser;
  let bob: TestUser;
  let outsider: TestUser;

  beforeAll(async () => {
    api = await startTestApi();
    ({ owner, alice, bob, outsider } = await buildCast(api.app));
  });
  afterAll(() => api.close());

  const roleOf = async (roomId: string, user: TestUser) =>
    (await callRoute(api.app, user, 'getRoom', { params: { id: roomId } })).room.myRole;

  describe('create', () => {
    it('makes the creator owner and the listed people members', async () => {
      const room = await callRoute(api.app, owner, 'createRoom', {
        body: { name: '  General  ', memberIds: [alice.id, owner.id] },
      });
      expect(room).toMatchObject({
        name: 'General',
        myRole: 'owner',
        memberCount: 2,
        lastSeq: 0,
        revision: 0,
        unreadCount: 0,
        lastReadSeq: 0,
        lastMessage: null,
      });
      const detail = await callRoute(api.app, alice, 'getRoom', { params: { id: room.id } });
      expect(detail.room.myRole).toBe('member');
      expect(detail.members.map((m) => [m.user.displayName, m.role]).sort()).toEqual([
        ['Alice', 'member'],
        ['Owner', 'owner'],
      ]);
      expect(JSON.stringify(detail)).not.toContain('@example.com');
    });

    it('refuses unknown or unverified members and creates nothing', async () => {
      const unverified = await buildUser(api.app, { verified: false });
      const before = await api.app.db.selectFrom('rooms').select('id').execute();
      for (const stranger of [randomUUID(), unverified.id]) {
        const problem = await refusedRoute(api.app, owner, 'createRoom', {
          body: { name: 'Nope', memberIds: [alice.id, stranger] },
        });
        expect(problem).toMatchObject({ status: 400, code: 'validation_failed' });
        expect(problem.detail).toContain(stranger);
        expect(problem.errors?.[0]?.field).toBe('body.memberIds');
      }
      expect(await api.app.db.selectFrom('rooms').select('id').execute()).toHaveLength(before.length);
    });

    it('refuses bad bodies with clear 4xx answers', async () => {
      const cases: [unknown, string][] = [
        [{}, 'validation_failed'],
        [{ name: '' }, 'validation_failed'],
        [{ name: '   ' }, 'validation_failed'],
        [{ name: 'x'.repeat(81) }, 'validation_failed'],
        [{ name: { text: 'General' } }, 'validation_failed'],
        [{ name: 'ok', memberIds: { id: alice.id } }, 'validation_failed'],
        [{ name: 'ok', memberIds: ['not-a-uuid'] }, 'validation_failed'],
        [{ name: 'ok', memberIds: [alice.id, alice.id] }, 'validation_failed'],
      ];
      for (const [body, code] of cases) {
        const problem = await refusedRoute(api.app, owner, 'createRoom', { body: body as never });
        expect(problem, JSON.stringify(body)).toMatchObject({ status: 400, code });
      }
      const malformed = await api.app.inject({
        method: 'POST',
        url: '/api/rooms',
        headers: { ...owner.headers, 'content-type': 'application/json' },
        payload: '{"name": ',
      });
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json()).toMatchObject({ code: 'bad_request' });
    });

    it('needs a signed-in, verified user', async () => {
      expect(await refusedRoute(api.app, null, 'createRoom', { body: { name: 'x' } })).toMatchObject({
        status: 401,
        code: 'unauthenticated',
      });
      const unverified = await buildUser(api.app, { verified: false });
      expect(await refusedRoute(api.app, unverified, 'createRoom', { body: { name: 'x' } })).toMatchObject({
        status: 403,
        code: 'email_not_verified',
      });
    });
  });

  describe('a non-member learns nothing', () => {
    it('answers a foreign room exactly like a missing one, on every room and message route', async () => {
      const room = await buildRoom(api.app, owner, [alice]);
      const message = await buildMessage(api.app, owner, room.id);
      const strip = (body: Record<string, unknown>) => {
        const { instance: _instance, requestId: _requestId, ...rest } = body;
        return rest;
      };
      const calls = (id: string) =>
        [
          ['getRoom', { params: { id } }],
          ['renameRoom', { params: { id }, body: { name: 'Mine now' } }],
          ['deleteRoom', { params: { id } }],
          ['addMembers', { params: { id }, body: { userIds: [outsider.id] } }],
          ['removeMember', { params: { id, userId: alice.id } }],
          ['removeMember', { params: { id, userId: outsider.id } }],
          ['sendMessage', { params: { id }, body: { clientId: randomUUID(), body: 'hi' } }],
          ['history', { params: { id } }],
          ['changes', { params: { id }, query: { since: 0 } }],
          ['editMessage', { params: { id, messageId: message.id }, body: { body: 'edit' } }],
          ['deleteMessage', { params: { id, messageId: message.id } }],
          ['markRead', { params: { id }, body: { seq: 1 } }],
        ] as const;
      const foreign = calls(room.id);
      const missing = calls(randomUUID());
      for (const [index, [name, input]] of foreign.entries()) {
        const a = await requestRoute(api.app, outsider, name, input as never);
        const b = await requestRoute(api.app, outsider, missing[index]![0], missing[index]![1] as never);
        expect(a.statusCode, name).toBe(404);
        expect(strip(a.json()), name).toEqual(strip(b.json()));
        expect(a.json()).toMatchObject({ code: 'not_found', detail: 'No such room' });
      }
      // And nothing changed.
      const detail = await callRoute(api.app, owner, 'getRoom', { params: { id: room.id } });
      expect(detail.room).toMatchObject({ name: room.name, lastSeq: 1, memberCount: 2 });
    });

    it('does not list other people’s rooms', async () => {
      const room = await buildRoom(api.app, owner);
      const mine = await callRoute(api.app, outsider, 'listRooms');
      expect(mine.rooms.map((r) => r.id)).not.toContain(room.id);
    });

    it('refuses a malformed room id with a validation error, not a 500', async () => {
      const problem = await refusedRoute(api.app, owner, 'getRoom', { params: { id: 'nope' } });
      expect(problem).toMatchObject({ status: 400, code: 'validation_failed' });
    });
  });

  describe('rename', () => {
    it('lets owners and admins rename, not members', async () => {
      const room = await buildRoom(api.app, owner, [alice, bob]);
      await callRoute(api.app, owner, 'addMembers', {
        params: { id: room.id },
        body: { userIds: [outsider.id], role: 'admin' },
      });
      const renamed = await callRoute(api.app, outsider, 'renameRoom', {
        params: { id: room.id },
        body: { name: 'Renamed by admin' },
      });
      expect(renamed).toMatchObject({ name: 'Renamed by admin', myRole: 'admin', memberCount: 4 });
      expect(
        (await callRoute(api.app, owner, 'renameRoom', { params: { id: room.id }, body: { name: 'Back' } }))
          .name,
      ).toBe('Back');
      const refused = await refusedRoute(api.app, alice, 'renameRoom', {
        params: { id: room.id },
        body: { name: 'Mine' },
      });
      expect(refused).toMatchObject({ status: 403, code: 'forbidden' });
      expect(refused.detail).toMatch(/owners or admins/);
      expect(
        await refusedRoute(api.app, owner, 'renameRoom', { params: { id: room.id }, body: { name: '' } }),
      ).toMatchObject({ status: 400, code: 'validation_failed' });
    });
  });

  describe('members', () => {
    it('adds members with a role, ignores people already in, and refuses unknown ids', async () => {
      const room = await buildRoom(api.app, owner);
      const { members } = await callRoute(api.app, owner, 'addMembers', {
        params: { id: room.id },
        body: { userIds: [alice.id, owner.id] },
      });
      expect(members.map((m) => [m.user.id, m.role])).toEqual([
        [owner.id, 'owner'],
        [alice.id, 'member'],
      ]);
      await callRoute(api.app, owner, 'addMembers', {
        params: { id: room.id },
        body: { userIds: [bob.id], role: 'admin' },
      });
      expect(await roleOf(room.id, bob)).toBe('admin');
      expect(await roleOf(room.id, alice)).toBe('member');
      const again = await callRoute(api.app, owner, 'addMembers', {
        params: { id: room.id },
        body: { userIds: [alice.id], role: 'admin' },
      });
      expect(again.members).toHaveLength(3);
      expect(await roleOf(room.id, alice)).toBe('member');
      const unknown = randomUUID();
      const problem = await refusedRoute(api.app, owner, 'addMembers', {
        params: { id: room.id },
        body: { userIds: [outsider.id, unknown] },
      });
      expect(problem).toMatchObject({ status: 400, code: 'validation_failed' });
      expect(problem.detail).toContain(unknown);
      expect((await callRoute(api.app, owner, 'getRoom', { params: { id: room.id } })).members).toHaveLength(
        3,
      );
      expect(
        await refusedRoute(api.app, owner, 'addMembers', { params: { id: room.id }, body: { userIds: [] } }),
      ).toMatchObject({ status: 400, code: 'validation_failed' });
      expect(
        await refusedRoute(api.app, owner, 'addMembers', {
          params: { id: room.id },
          body: { userIds: [outsider.id], role: 'owner' } as never,
        }),
      ).toMatchObject({ status: 400, code: 'validation_failed' });
    });

    it('lets a plain member add nobody', async () => {
      const room = await buildRoom(api.app, owner, [alice]);
      const problem = await refusedRoute(api.app, alice, 'addMembers', {
        params: { id: room.id },
        body: { userIds: [bob.id] },
      });
      expect(problem).toMatchObject({ status: 403, code: 'forbidden' });
    });

    it('shows a new member the earlier history, with nothing unread', async () => {
      const room = await buildRoom(api.app, owner, [alice]);
      await buildMessage(api.app, owner, room.id, 'one');
      await buildMessage(api.app, alice, room.id, 'two');
      await callRoute(api.app, owner, 'addMembers', { params: { id: room.id }, body: { userIds: [bob.id] } });
      const seen = await callRoute(api.app, bob, 'getRoom', { params: { id: room.id } });
      expect(seen.room).toMatchObject({ lastSeq: 2, lastReadSeq: 2, unreadCount: 0 });
      const history = await callRoute(api.app, bob, 'history', { params: { id: room.id } });
      expect(history.messages.map((m) => m.body)).toEqual(['one', 'two']);
      await buildMessage(api.app, alice, room.id, 'three');
      expect((await callRoute(api.app, bob, 'getRoom', { params: { id: room.id } })).room.unreadCount).toBe(
        1,
      );
    });

    it('follows the permission table when removing people', async () => {
      const room = await buildRoom(api.app, owner, [alice]);
      const admin = await buildUser(api.app);
      const otherAdmin = await buildUser(api.app);
      await callRoute(api.app, owner, 'addMembers', {
        params: { id: room.id },
        body: { userIds: [admin.id, otherAdmin.id], role: 'admin' },
      });
      await callRoute(api.app, owner, 'addMembers', { params: { id: room.id }, body: { userIds: [bob.id] } });
      const remove = (actor: TestUser, target: TestUser) =>
        requestRoute(api.app, actor, 'removeMember', { params: { id: room.id, userId: target.id } });

      // A member removes nobody, an admin removes neither another admin nor the owner.
      expect((await remove(alice, bob)).json()).toMatchObject({ status: 403, code: 'forbidden' });
      expect((await remove(admin, otherAdmin)).json()).toMatchObject({ status: 403, code: 'forbidden' });
      const ownerRefusal = (await remove(admin, owner)).json<{ code: string; detail: string }>();
      expect(ownerRefusal).toMatchObject({ code: 'forbidden' });
      expect(ownerRefusal.detail).toMatch(/owner/);
      // An admin removes a member; the owner removes an admin.
      expect((await remove(admin, bob)).statusCode).toBe(200);
      expect((await remove(owner, otherAdmin)).statusCode).toBe(200);
      // Removing someone who is not there.
      expect((await remove(owner, outsider)).json()).toMatchObject({ status: 404, code: 'not_found' });
      // The removed can no longer see the room.
      expect((await requestRoute(api.app, bob, 'getRoom', { params: { id: room.id } })).statusCode).toBe(404);
      const detail = await callRoute(api.app, owner, 'getRoom', { params: { id: room.id } });
      expect(detail.room.memberCount).toBe(3);
      expect(detail.members.map((m) => m.user.id).sort()).toEqual([owner.id, alice.id, admin.id].sort());
    });

    it('lets anyone but the owner leave', async () => {
      const room = await buildRoom(api.app, owner, [alice]);
      const left = await requestRoute(api.app, alice, 'removeMember', {
        params: { id: room.id, userId: alice.id },
      });
      expect(left.statusCode).toBe(200);
      expect((await callRoute(api.app, alice, 'listRooms')).rooms.map((r) => r.id)).not.toContain(room.id);
      const ownerLeaves = await refusedRoute(api.app, owner, 'removeMember', {
        params: { id: room.id, userId: owner.id },
      });
      expect(ownerLeaves).toMatchObject({ status: 403, code: 'forbidden' });
      expect(ownerLeaves.detail).toMatch(/delete the room/);
      expect((await callRoute(api.app, owner, 'getRoom', { params: { id: room.id } })).room.memberCount).toBe(
        1,
      );
    });
  });

  describe('delete', () => {
    it('is for the owner only and takes the messages with it', async () => {
      const room = await buildRoom(api.app, owner, [alice]);
      await callRoute(api.app, owner, 'addMembers', {
        params: { id: room.id },
        body: { userIds: [bob.id], role: 'admin' },
      });
      const first = await buildMessage(api.app, alice, room.id);
      await buildMessage(api.app, owner, room.id, 'reply', { replyTo: first.id });
      for (const user of [alice, bob]) {
        expect(await refusedRoute(api.app, user, 'deleteRoom', { params: { id: room.id } })).toMatchObject({
          status: 403,
          code: 'forbidden',
        });
      }
      expect(await callRoute(api.app, owner, 'deleteRoom', { params: { id: room.id } })).toEqual({
        ok: true,
      });
      for (const user of [owner, alice, bob]) {
        expect((await requestRoute(api.app, user, 'getRoom', { params: { id: room.id } })).statusCode).toBe(
          404,
        );
      }
      const left = await api.app.db
        .selectFrom('messages')
        .select('id')
        .where('room_id', '=', room.id)
        .execute();
      expect(left).toEqual([]);
    });
  });

  describe('list', () => {
    it('lists my rooms newest activity first, with the last message and my unread count', async () => {
      const lister = await buildUser(api.app, { displayName: 'Lister' });
      const quiet = await buildRoom(api.app, owner, [lister], 'Quiet');
      const busy = await buildRoom(api.app, owner, [lister], 'Busy');
      const mine = await buildRoom(api.app, lister, [alice], 'Mine');
      const first = await buildMessage(api.app, owner, busy.id, 'first');
      await buildMessage(api.app, lister, mine.id, 'my own');
      const last = await buildMessage(api.app, owner, busy.id, 'latest');

      const { rooms } = await callRoute(api.app, lister, 'listRooms');
      expect(rooms.map((r) => r.name)).toEqual(['Busy', 'Mine', 'Quiet']);
      expect(rooms[0]).toMatchObject({
        id: busy.id,
        myRole: 'member',
        memberCount: 2,
        lastSeq: 2,
        unreadCount: 2,
        lastReadSeq: 0,
        lastMessage: {
          id: last.id,
          seq: 2,
          body: 'latest',
          deleted: false,
          sender: { id: owner.id, displayName: 'Owner' },
        },
      });
      expect(rooms[1]).toMatchObject({ myRole: 'owner', unreadCount: 0, lastMessage: { body: 'my own' } });
      expect(rooms[2]).toMatchObject({ id: quiet.id, unreadCount: 0, lastMessage: null });

      await callRoute(api.app, owner, 'deleteMessage', { params: { id: busy.id, messageId: last.id } });
      const after = (await callRoute(api.app, lister, 'listRooms')).rooms[0]!;
      // The preview moves back to the newest message still standing (issue 8).
      expect(after).toMatchObject({
        unreadCount: 1,
        lastMessage: { id: first.id, body: 'first', deleted: false },
      });
    });

    it('lists hundreds of rooms in one answer', async () => {
      const busyUser = await buildUser(api.app);
      const count = 300;
      // Straight into the tables: the point is the listing, not 300 round trips of room creation.
      const rooms = await api.app.db
        .insertInto('rooms')
        .values(
          Array.from({ length: count }, (_, index) => ({
            name: `Bulk ${index}`,
            created_by: owner.id,
            member_count: 2,
            last_seq: 3,
            last_activity_at: new Date(Date.UTC(2025, 0, 1, 0, 0, index)),
          })),
        )
        .returning('id')
        .execute();
      await api.app.db
        .insertInto('room_members')
        .values(
          rooms.flatMap((room) => [
            { room_id: room.id, user_id: owner.id, role: 'owner' as const },
            { room_id: room.id, user_id: busyUser.id, role: 'member' as const },
          ]),
        )
        .execute();
      const { rooms: listed } = await callRoute(api.app, busyUser, 'listRooms');
      expect(listed).toHaveLength(count);
      expect(listed[0]!.name).toBe(`Bulk ${count - 1}`);
      expect(listed.at(-1)!.name).toBe('Bulk 0');
      expect(listed.every((room) => room.unreadCount === 3 && room.memberCount === 2)).toBe(true);
    });
  });
});
