import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Problem, Role } from '@livechat/protocol';
import { buildCast, buildRoom, type TestUser } from './support/factories.js';
import { callRoute, refusedRoute, requestRoute } from './support/route-request.js';
import { startTestApi, type TestApi } from './support/test-api.js';

/**
 * Granting and revoking admin, and handing ownership on (issue 8): only the owner may, only to members,
 * and a room never has two owners or none, even when transfers race.
 */
describe('room roles and ownership', () => {
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

  /** Every member's role, read from the database itself. */
  const roles = async (roomId: string): Promise<Record<string, Role>> => {
    const rows = await api.app.db
      .selectFrom('room_members')
      .select(['user_id', 'role'])
      .where('room_id', '=', roomId)
      .execute();
    return Object.fromEntries(rows.map((row) => [row.user_id, row.role]));
  };
  const owners = async (roomId: string) =>
    Object.entries(await roles(roomId)).filter(([, role]) => role === 'owner');
  const setRole = (actor: TestUser, roomId: string, target: string, role: string) =>
    requestRoute(api.app, actor, 'changeMemberRole', {
      params: { id: roomId, userId: target },
      body: { role },
    });

  describe('granting and revoking admin', () => {
    it('lets the owner make a member admin and back, answering the members after', async () => {
      const room = await buildRoom(api.app, owner, [alice]);
      const { members } = await callRoute(api.app, owner, 'changeMemberRole', {
        params: { id: room.id, userId: alice.id },
        body: { role: 'admin' },
      });
      expect(members.find((m) => m.user.id === alice.id)?.role).toBe('admin');
      expect((await callRoute(api.app, alice, 'getRoom', { params: { id: room.id } })).room.myRole).toBe(
        'admin',
      );
      // The new admin can now do what admins do.
      await callRoute(api.app, alice, 'renameRoom', { params: { id: room.id }, body: { name: 'By Alice' } });
      await callRoute(api.app, owner, 'changeMemberRole', {
        params: { id: room.id, userId: alice.id },
        body: { role: 'member' },
      });
      expect((await roles(room.id))[alice.id]).toBe('member');
      // Setting the role someone has already is a no-op, not an error.
      expect((await setRole(owner, room.id, alice.id, 'member')).statusCode).toBe(200);
    });

    it('refuses admins and members, and leaves the roles as they were', async () => {
      const room = await buildRoom(api.app, owner, [alice, bob]);
      await callRoute(api.app, owner, 'changeMemberRole', {
        params: { id: room.id, userId: alice.id },
        body: { role: 'admin' },
      });
      for (const [actor, target, role] of [
        [alice, bob.id, 'admin'], // an admin promoting a member
        [alice, alice.id, 'member'], // an admin demoting themselves is the owner's call too
        [bob, bob.id, 'admin'], // a member promoting themselves
        [bob, alice.id, 'member'], // a member demoting an admin
      ] as const) {
        const problem = (await setRole(actor, room.id, target, role)).json<Problem>();
        expect(problem, `${actor.id} → ${target} ${role}`).toMatchObject({ status: 403, code: 'forbidden' });
        expect(problem.detail).toMatch(/Only owners may grant or revoke admin/);
      }
      expect(await roles(room.id)).toEqual({ [owner.id]: 'owner', [alice.id]: 'admin', [bob.id]: 'member' });
    });

    it('never changes the owner’s role, and refuses "owner" as a role to grant', async () => {
      const room = await buildRoom(api.app, owner, [alice]);
      const demoteSelf = (await setRole(owner, room.id, owner.id, 'member')).json<Problem>();
      expect(demoteSelf).toMatchObject({ status: 403, code: 'forbidden' });
      expect(demoteSelf.detail).toMatch(/hand ownership/);
      const grantOwner = (await setRole(owner, room.id, alice.id, 'owner')).json<Problem>();
      expect(grantOwner).toMatchObject({ status: 400, code: 'validation_failed' });
      expect(await owners(room.id)).toEqual([[owner.id, 'owner']]);
    });

    it('answers 404 for a non-member target and for a room the caller is not in', async () => {
      const room = await buildRoom(api.app, owner, [alice]);
      const notMember = (await setRole(owner, room.id, outsider.id, 'admin')).json<Problem>();
      expect(notMember).toMatchObject({ status: 404, code: 'not_found' });
      expect(notMember.detail).toMatch(/not a member/);
      expect((await setRole(owner, room.id, randomUUID(), 'admin')).statusCode).toBe(404);
      // An outsider learns nothing about the room, the same 404 as for a room that does not exist.
      const foreign = (await setRole(outsider, room.id, alice.id, 'admin')).json<Problem>();
      const missing = (await setRole(outsider, randomUUID(), alice.id, 'admin')).json<Problem>();
      expect(foreign).toMatchObject({ status: 404, detail: 'No such room' });
      expect(missing).toMatchObject({ status: 404, detail: 'No such room' });
      expect((await roles(room.id))[alice.id]).toBe('member');
    });
  });

  describe('handing ownership on', () => {
    it('makes the member owner and the previous owner admin, who may then leave', async () => {
      const room = await buildRoom(api.app, owner, [alice, bob]);
      const refusedLeave = await refusedRoute(api.app, owner, 'removeMember', {
        params: { id: room.id, userId: owner.id },
      });
      expect(refusedLeave).toMatchObject({ status: 403 });
      expect(refusedLeave.detail).toMatch(/hand ownership to another member first/);

      const { members } = await callRoute(api.app, owner, 'transferOwnership', {
        params: { id: room.id },
        body: { userId: alice.id },
      });
      expect(Object.fromEntries(members.map((m) => [m.user.id, m.role]))).toEqual({
        [owner.id]: 'admin',
        [alice.id]: 'owner',
        [bob.id]: 'member',
      });
      await callRoute(api.app, owner, 'removeMember', { params: { id: room.id, userId: owner.id } });
      expect(await roles(room.id)).toEqual({ [alice.id]: 'owner', [bob.id]: 'member' });
      // The new owner holds the owner's powers; the new owner may hand it on again.
      await callRoute(api.app, alice, 'changeMemberRole', {
        params: { id: room.id, userId: bob.id },
        body: { role: 'admin' },
      });
      await callRoute(api.app, alice, 'transferOwnership', {
        params: { id: room.id },
        body: { userId: bob.id },
      });
      expect(await roles(room.id)).toEqual({ [alice.id]: 'admin', [bob.id]: 'owner' });
    });

    it('refuses everyone but the owner', async () => {
      const room = await buildRoom(api.app, owner, [alice, bob]);
      await callRoute(api.app, owner, 'changeMemberRole', {
        params: { id: room.id, userId: alice.id },
        body: { role: 'admin' },
      });
      for (const [actor, target] of [
        [alice, alice], // an admin taking the room
        [alice, bob], // an admin giving it away
        [bob, bob], // a member taking it
      ] as const) {
        const problem = await refusedRoute(api.app, actor, 'transferOwnership', {
          params: { id: room.id },
          body: { userId: target.id },
        });
        expect(problem).toMatchObject({ status: 403, code: 'forbidden' });
        expect(problem.detail).toMatch(/Only owners may hand this room to another member/);
      }
      const foreign = await refusedRoute(api.app, outsider, 'transferOwnership', {
        params: { id: room.id },
        body: { userId: outsider.id },
      });
      expect(foreign).toMatchObject({ status: 404, detail: 'No such room' });
      expect(await owners(room.id)).toEqual([[owner.id, 'owner']]);
    });

    it('refuses a non-member, an unknown id, oneself and bad bodies; nothing changes', async () => {
      const room = await buildRoom(api.app, owner, [alice]);
      const nonMember = await refusedRoute(api.app, owner, 'transferOwnership', {
        params: { id: room.id },
        body: { userId: outsider.id },
      });
      expect(nonMember).toMatchObject({ status: 404, code: 'not_found' });
      expect(nonMember.detail).toMatch(/not a member/);
      const unknown = await refusedRoute(api.app, owner, 'transferOwnership', {
        params: { id: room.id },
        body: { userId: randomUUID() },
      });
      expect(unknown).toMatchObject({ status: 404 });
      const self = await refusedRoute(api.app, owner, 'transferOwnership', {
        params: { id: room.id },
        body: { userId: owner.id },
      });
      expect(self).toMatchObject({ status: 400, code: 'validation_failed' });
      expect(self.errors?.[0]?.field).toBe('body.userId');
      for (const body of [
        {},
        { userId: 'nope' },
        { userId: alice.id, role: 'owner' },
        { userId: [alice.id] },
      ]) {
        const problem = await refusedRoute(api.app, owner, 'transferOwnership', {
          params: { id: room.id },
          body,
        });
        expect(problem, JSON.stringify(body)).toMatchObject({ status: 400, code: 'validation_failed' });
      }
      expect(await roles(room.id)).toEqual({ [owner.id]: 'owner', [alice.id]: 'member' });
    });

    it('leaves exactly one owner when the owner hands the room to two people at once', async () => {
      for (let round = 0; round < 5; round += 1) {
        const room = await buildRoom(api.app, owner, [alice, bob]);
        const answers = await Promise.all(
          [alice, bob].map((heir) =>
            requestRoute(api.app, owner, 'transferOwnership', {
              params: { id: room.id },
              body: { userId: heir.id },
            }),
          ),
        );
        const statuses = answers.map((answer) => answer.statusCode).sort();
        expect(statuses, `round ${round}`).toEqual([200, 403]);
        const winner = answers.findIndex((answer) => answer.statusCode === 200) === 0 ? alice : bob;
        const loser = winner === alice ? bob : alice;
        expect(await roles(room.id)).toEqual({
          [owner.id]: 'admin',
          [winner.id]: 'owner',
          [loser.id]: 'member',
        });
      }
    });

    it('keeps one owner when a transfer races the heir leaving, or the owner granting admin', async () => {
      for (let round = 0; round < 5; round += 1) {
        const room = await buildRoom(api.app, owner, [alice, bob]);
        const [transfer, leave, grant] = await Promise.all([
          requestRoute(api.app, owner, 'transferOwnership', {
            params: { id: room.id },
            body: { userId: alice.id },
          }),
          requestRoute(api.app, alice, 'removeMember', { params: { id: room.id, userId: alice.id } }),
          setRole(owner, room.id, bob.id, 'admin'),
        ]);
        const after = await roles(room.id);
        expect(
          Object.values(after).filter((role) => role === 'owner'),
          `round ${round}`,
        ).toHaveLength(1);
        if (transfer.statusCode === 200) {
          // Alice became owner first, so her leaving was refused.
          expect(leave.statusCode).toBe(403);
          expect(after[alice.id]).toBe('owner');
        } else {
          // Alice had left: the transfer found no such member.
          expect(transfer.statusCode).toBe(404);
          expect(leave.statusCode).toBe(200);
          expect(after[owner.id]).toBe('owner');
        }
        // Granting admin succeeds if it ran before the transfer and is refused once the owner is an admin.
        expect([200, 403]).toContain(grant.statusCode);
        expect(after[bob.id]).toBe(grant.statusCode === 200 ? 'admin' : 'member');
      }
    });
  });
});
