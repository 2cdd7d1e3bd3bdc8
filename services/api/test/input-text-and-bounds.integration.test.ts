import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { RouteName } from '@livechat/protocol';
import { buildMessage, buildRoom, buildUser, type TestUser } from './support/factories.js';
import { refusedRoute, requestRoute, type RouteInput } from './support/route-request.js';
import { startTestApi, TEST_ORIGIN, type TestApi } from './support/test-api.js';

/** Issue 9: text and numbers that used to reach Postgres and answer 500 are a 400 naming the field. */
describe('input that reached Postgres', () => {
  let api: TestApi;
  let me: TestUser;
  let roomId: string;
  let messageId: string;
  beforeAll(async () => {
    api = await startTestApi();
    me = await buildUser(api.app);
    roomId = (await buildRoom(api.app, me)).id;
    messageId = (await buildMessage(api.app, me, roomId)).id;
  });
  afterAll(() => api.close());

  const expectRefused = async <N extends RouteName>(name: N, input: RouteInput<N>, field: string) => {
    const problem = await refusedRoute(api.app, me, name, input);
    expect(problem.status, JSON.stringify(problem)).toBe(400);
    expect(problem.code).toBe('validation_failed');
    expect(problem.errors?.map((error) => error.field)).toContain(field);
  };
  const register = (displayName: string) =>
    api.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      headers: { origin: TEST_ORIGIN },
      payload: { email: `${randomUUID()}@example.com`, password: 'long enough', displayName },
    });

  /** Each text field, with a function that sends `text` in it. */
  const textFields = (text: string) =>
    [
      ['sendMessage', { params: { id: roomId }, body: { clientId: randomUUID(), body: text } }, 'body.body'],
      ['editMessage', { params: { id: roomId, messageId }, body: { body: text } }, 'body.body'],
      ['createRoom', { body: { name: text } }, 'body.name'],
      ['renameRoom', { params: { id: roomId }, body: { name: text } }, 'body.name'],
      ['updateMe', { body: { displayName: text } }, 'body.displayName'],
      ['searchUsers', { query: { q: text } }, 'querystring.q'],
      ['devMailbox', { query: { to: text } }, 'querystring.to'],
    ] as const;

  it('refuses a NUL in every text field', async () => {
    for (const [name, input, field] of textFields('a\u0000b')) await expectRefused(name, input, field);
    const registered = await register('a\u0000b');
    expect(registered.statusCode).toBe(400);
    expect(registered.json<{ errors: { field: string }[] }>().errors[0]?.field).toBe('body.displayName');
  });

  it('refuses other control characters in every text field', async () => {
    for (const control of ['\u0007', '\u001B', '\u0085']) {
      for (const [name, input, field] of textFields(`a${control}b`)) await expectRefused(name, input, field);
    }
  });

  it('refuses names and messages that show nothing', async () => {
    for (const invisible of ['\u200B', '\u200C\u200D', '\u2060', '\uFEFF', '\u3164', ' \u200B ']) {
      for (const [name, input, field] of textFields(invisible).filter(
        ([name]) => name !== 'searchUsers' && name !== 'devMailbox',
      )) {
        await expectRefused(name, input, field);
      }
      expect((await register(invisible)).statusCode).toBe(400);
    }
  });

  it('refuses bidi controls in names', async () => {
    for (const bidi of ['\u202E', '\u2066', '\u200F', '\u061C']) {
      await expectRefused('createRoom', { body: { name: `ad${bidi}nim` } }, 'body.name');
      await expectRefused(
        'renameRoom',
        { params: { id: roomId }, body: { name: `ad${bidi}nim` } },
        'body.name',
      );
      await expectRefused('updateMe', { body: { displayName: `ad${bidi}nim` } }, 'body.displayName');
      expect((await register(`ad${bidi}nim`)).statusCode).toBe(400);
    }
  });

  it('stores names composed (NFC)', async () => {
    const decomposed = 'Ame\u0301lie';
    const profile = await requestRoute(api.app, me, 'updateMe', { body: { displayName: decomposed } });
    expect(profile.json<{ displayName: string }>().displayName).toBe('Amélie');
    const room = await requestRoute(api.app, me, 'createRoom', { body: { name: decomposed } });
    expect(room.json<{ name: string }>().name).toBe('Amélie');
  });

  it('keeps emoji, CJK, right-to-left letters, newlines and tabs', async () => {
    for (const text of ['😀 hi', '你好', 'مرحبا بكم', 'שלום']) {
      const room = await requestRoute(api.app, me, 'createRoom', { body: { name: text } });
      expect(room.statusCode).toBe(201);
      const profile = await requestRoute(api.app, me, 'updateMe', { body: { displayName: text } });
      expect(profile.statusCode).toBe(200);
    }
    const sent = await buildMessage(api.app, me, roomId, 'first line\n\tsecond שלום 😀');
    expect(sent.body).toBe('first line\n\tsecond שלום 😀');
  });

  it('refuses paging numbers past the database range', async () => {
    for (const value of ['Infinity', '-Infinity', '1e20', '9223372036854775808', '-1']) {
      await expectRefused(
        'history',
        { params: { id: roomId }, query: { before: value } },
        'querystring.before',
      );
      await expectRefused(
        'history',
        { params: { id: roomId }, query: { after: value } },
        'querystring.after',
      );
      await expectRefused(
        'history',
        { params: { id: roomId }, query: { limit: value } },
        'querystring.limit',
      );
      await expectRefused(
        'changes',
        { params: { id: roomId }, query: { since: value } },
        'querystring.since',
      );
      await expectRefused(
        'changes',
        { params: { id: roomId }, query: { since: '0', limit: value } },
        'querystring.limit',
      );
      await expectRefused('searchUsers', { query: { q: 'a', limit: value } }, 'querystring.limit');
    }
    await expectRefused('markRead', { params: { id: roomId }, body: { seq: 1e20 } }, 'body.seq');
  });
});
