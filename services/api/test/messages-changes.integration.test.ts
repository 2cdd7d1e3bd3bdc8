import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANGES_MAX_BEHIND, type ChangesPage, type Message } from '@livechat/protocol';
import { buildMessage, buildRoom, buildUser, type TestUser } from './support/factories.js';
import { callRoute, refusedRoute } from './support/route-request.js';
import { startTestApi, type TestApi } from './support/test-api.js';

describe('changes since a revision', () => {
  let api: TestApi;
  let alice: TestUser;
  let bob: TestUser;

  beforeAll(async () => {
    api = await startTestApi();
    [alice, bob] = await Promise.all([buildUser(api.app), buildUser(api.app)]);
  });
  afterAll(() => api.close());

  const changes = (roomId: string, since: number, limit?: number) =>
    callRoute(api.app, bob, 'changes', {
      params: { id: roomId },
      query: limit === undefined ? { since } : { since, limit },
    });

  it('answers new, edited and deleted messages once each, at their latest revision, ascending', async () => {
    const room = await buildRoom(api.app, alice, [bob]);
    const m1 = await buildMessage(api.app, alice, room.id, 'one'); // r1
    const m2 = await buildMessage(api.app, bob, room.id, 'two'); // r2
    const m3 = await buildMessage(api.app, alice, room.id, 'three'); // r3
    expect(await changes(room.id, 0)).toMatchObject({ revision: 3, hasMore: false });
    await callRoute(api.app, alice, 'editMessage', {
      params: { id: room.id, messageId: m1.id },
      body: { body: 'one, edited' },
    }); // r4
    await callRoute(api.app, alice, 'deleteMessage', { params: { id: room.id, messageId: m3.id } }); // r5
    const m4 = await buildMessage(api.app, alice, room.id, 'four'); // r6

    const sinceThree = await changes(room.id, 3);
    expect(sinceThree.hasMore).toBe(false);
    expect(sinceThree.revision).toBe(6);
    expect(sinceThree.changes.map((m) => [m.id, m.revision, m.body])).toEqual([
      [m1.id, 4, 'one, edited'],
      [m3.id, 5, ''],
      [m4.id, 6, 'four'],
    ]);
    expect(sinceThree.changes[1]!.deletedAt).not.toBeNull();

    const all = await changes(room.id, 0);
    expect(all.changes.map((m) => m.id)).toEqual([m2.id, m1.id, m3.id, m4.id]);
    expect(all.changes.map((m) => m.revision)).toEqual([2, 4, 5, 6]);
    expect(await changes(room.id, 6)).toEqual({ changes: [], revision: 6, hasMore: false });
  });

  it('pages: each page ends at its last change, the last page at the room’s revision', async () => {
    const room = await buildRoom(api.app, alice, [bob]);
    const sent: Message[] = [];
    for (let index = 0; index < 12; index += 1) sent.push(await buildMessage(api.app, alice, room.id));
    // Edit two early ones: revisions 13, 14; the first eleven revisions now hold ten messages.
    for (const message of [sent[0]!, sent[4]!]) {
      await callRoute(api.app, alice, 'editMessage', {
        params: { id: room.id, messageId: message.id },
        body: { body: 'edited' },
      });
    }
    const pages: ChangesPage[] = [];
    let since = 0;
    for (;;) {
      const page = await changes(room.id, since, 5);
      pages.push(page);
      since = page.revision;
      if (!page.hasMore) break;
    }
    expect(pages.map((page) => [page.changes.length, page.revision, page.hasMore])).toEqual([
      [5, 7, true],
      [5, 12, true],
      [2, 14, false],
    ]);
    const seen = pages.flatMap((page) => page.changes);
    expect(seen.map((m) => m.revision)).toEqual([2, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(new Set(seen.map((m) => m.id)).size).toBe(12);
  });

  it(`tells a client more than ${CHANGES_MAX_BEHIND} revisions behind to reload`, async () => {
    const room = await buildRoom(api.app, alice, [bob]);
    await buildMessage(api.app, alice, room.id);
    // Stand-in for thousands of edits: move the room's revision on directly.
    await api.app.db
      .updateTable('rooms')
      .set({ revision: CHANGES_MAX_BEHIND + 10 })
      .where('id', '=', room.id)
      .execute();
    const problem = await refusedRoute(api.app, bob, 'changes', {
      params: { id: room.id },
      query: { since: 9 },
    });
    expect(problem).toMatchObject({ status: 410, code: 'too_far_behind' });
    expect(problem.detail).toMatch(/reload/);
    expect(await changes(room.id, 10)).toMatchObject({ revision: CHANGES_MAX_BEHIND + 10, hasMore: false });
  });

  it('refuses bad queries', async () => {
    const room = await buildRoom(api.app, alice, [bob]);
    await buildMessage(api.app, alice, room.id);
    for (const query of [
      {},
      { since: -1 },
      { since: 'x' },
      { since: 0, limit: 0 },
      { since: 0, limit: 201 },
      { since: 2 },
    ]) {
      expect(
        await refusedRoute(api.app, bob, 'changes', { params: { id: room.id }, query: query as never }),
        JSON.stringify(query),
      ).toMatchObject({ status: 400, code: 'validation_failed' });
    }
  });
});
