import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ROUTES, type RouteName } from '@livechat/protocol';
import { buildCast, buildMessage, buildRoom, buildUser } from '../support/factories.js';
import { useAsvsDeployment } from './support/asvs-deployment.js';
import { callOverHttp } from './support/http-client.js';

/** Every path parameter a route may have, filled with ids that exist nowhere. */
const nowhere = () => ({ id: randomUUID(), userId: randomUUID(), messageId: randomUUID() });

/** ASVS 5.0 V8 Authorization, level 2: function, object (IDOR/BOLA) and field (BOPLA) level. */
describe('ASVS V8 authorization', () => {
  const { api } = useAsvsDeployment();

  it('V8.2.1 functions need the right to them: no token → 401 on every non-public route, unverified → 403, a member cannot administer', async () => {
    const guarded = (Object.keys(ROUTES) as RouteName[]).filter((name) => ROUTES[name].access !== 'public');
    for (const name of guarded) {
      const hasBody = ['POST', 'PUT', 'PATCH'].includes(ROUTES[name].method);
      const answer = await callOverHttp(api(), name, { params: nowhere(), ...(hasBody ? { body: {} } : {}) });
      expect([name, answer.status, answer.body]).toMatchObject([name, 401, { code: 'unauthenticated' }]);
    }

    const unverified = await buildUser(api().app, { verified: false });
    for (const answer of [
      await callOverHttp(api(), 'listRooms', { token: unverified.token }),
      await callOverHttp(api(), 'createRoom', {
        token: unverified.token,
        body: { name: 'Mine', memberIds: [] },
      }),
    ]) {
      expect(answer.body).toMatchObject({ status: 403, code: 'email_not_verified' });
    }

    const { owner, alice, bob } = await buildCast(api().app);
    const room = await buildRoom(api().app, owner, [alice, bob]);
    const asAlice = { token: alice.token, params: { id: room.id, userId: bob.id } };
    expect((await callOverHttp(api(), 'renameRoom', { ...asAlice, body: { name: 'Mine now' } })).status).toBe(
      403,
    );
    expect(
      (await callOverHttp(api(), 'changeMemberRole', { ...asAlice, body: { role: 'admin' } })).status,
    ).toBe(403);
    expect((await callOverHttp(api(), 'deleteRoom', asAlice)).status).toBe(403);
  });

  it('V8.2.2 objects are reachable only by their members: another room answers as a missing one; others’ messages are not mine to edit', async () => {
    const { owner, alice, outsider } = await buildCast(api().app);
    const room = await buildRoom(api().app, owner, [alice]);
    const message = await buildMessage(api().app, owner, room.id);
    const probes = [
      ['getRoom', {}],
      ['history', {}],
      ['changes', { query: { since: 0 } }],
      ['sendMessage', { body: { clientId: randomUUID(), body: 'let me in' } }],
      ['markRead', { body: { seq: 1 } }],
      ['editMessage', { body: { body: 'not yours' } }],
    ] as const;
    for (const [name, extra] of probes) {
      const into = (id: string) =>
        callOverHttp(api(), name, { token: outsider.token, params: { id, messageId: message.id }, ...extra });
      const [foreign, missing] = [await into(room.id), await into(randomUUID())];
      expect([name, foreign.status]).toEqual([name, 404]);
      expect((foreign.body as { code: string }).code).toBe((missing.body as { code: string }).code);
    }
    const edit = await callOverHttp(api(), 'editMessage', {
      token: alice.token,
      params: { id: room.id, messageId: message.id },
      body: { body: 'put words in the owner’s mouth' },
    });
    expect(edit.status).toBe(403);
  });

  it('V8.2.3 fields are guarded: profile updates take only the display name; other people are shown without their email', async () => {
    const user = await buildUser(api().app);
    for (const extra of [
      { email: 'taken-over@example.com' },
      { id: randomUUID() },
      { emailVerified: true },
    ]) {
      const answer = await callOverHttp(api(), 'updateMe', {
        token: user.token,
        body: { displayName: 'Still me', ...extra },
      });
      expect(answer.status).toBe(400);
    }
    const other = await buildUser(api().app);
    const search = await callOverHttp(api(), 'searchUsers', { token: user.token, query: { q: other.email } });
    expect(search.body).toEqual({ users: [{ id: other.id, displayName: other.displayName }] });
  });
});
