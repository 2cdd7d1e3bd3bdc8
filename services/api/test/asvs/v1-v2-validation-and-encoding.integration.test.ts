import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MESSAGE_MAX_LENGTH, type Message, type MessagePage, type RoomSummary } from '@livechat/protocol';
import { buildCast, buildRoom, buildUser, type TestUser } from '../support/factories.js';
import type { TestApi } from '../support/test-api.js';
import { register } from './support/accounts.js';
import { useAsvsDeployment } from './support/asvs-deployment.js';
import { callOverHttp } from './support/http-client.js';

/** Sends a message over HTTP as `user` into `roomId`. */
const send = (api: TestApi, user: TestUser, roomId: string, body: unknown) =>
  callOverHttp(api, 'sendMessage', { token: user.token, params: { id: roomId }, body });

/** ASVS 5.0 V1 Encoding and Sanitization and V2 Validation and Business Logic, level 2. */
describe('ASVS V1 and V2 validation and encoding', () => {
  const { api } = useAsvsDeployment();

  it('V1.2.3 JSON answers are serialised, never assembled: hostile text comes back as the same string', async () => {
    const { owner } = await buildCast(api().app);
    const room = await buildRoom(api().app, owner);
    const body = '"}],"admin":true,{"x":"</script><script>alert(1)</script> \\ \n end';
    const sent = await send(api(), owner, room.id, { clientId: randomUUID(), body });
    expect(sent.status).toBe(201);
    expect((sent.body as Message).body).toBe(body);
    expect(sent.body).not.toHaveProperty('admin');
    const history = await callOverHttp(api(), 'history', { token: owner.token, params: { id: room.id } });
    expect((history.body as MessagePage).messages.map((message) => message.body)).toEqual([body]);
  });

  it('V1.2.4 SQL and LIKE syntax in input is data: stored verbatim, matched literally', async () => {
    const user = await buildUser(api().app);
    const name = "Robert'); drop table messages; --";
    const created = await callOverHttp(api(), 'createRoom', {
      token: user.token,
      body: { name, memberIds: [] },
    });
    expect((created.body as RoomSummary).name).toBe(name);
    for (const q of ["' or '1'='1", '%', '_']) {
      const search = await callOverHttp(api(), 'searchUsers', { token: user.token, query: { q } });
      expect([q, search.status, search.body]).toEqual([q, 200, { users: [] }]);
    }
  });

  it('V1.3.11 text bound for mail headers cannot carry line breaks: CR/LF in a name or address is 400', async () => {
    const { answer } = await register(api(), 'a passphrase', 'Eve\r\nBcc: everyone@example.com');
    expect(answer.body).toMatchObject({ status: 400, code: 'validation_failed' });
    const address = await callOverHttp(api(), 'forgotPassword', {
      body: { email: 'victim@example.com\r\nBcc: attacker@example.com' },
    });
    expect(address.status).toBe(400);
  });

  it('V1.4.2 numbers are range-checked before use: past bigint, infinite or negative paging is 400', async () => {
    const { owner } = await buildCast(api().app);
    const room = await buildRoom(api().app, owner);
    const probes = [
      ['history', { before: '99999999999999999999' }],
      ['history', { limit: 'Infinity' }],
      ['changes', { since: '-1' }],
      ['changes', { since: '1e400' }],
    ] as const;
    for (const [name, query] of probes) {
      const answer = await callOverHttp(api(), name, { token: owner.token, params: { id: room.id }, query });
      expect([name, query, answer.status]).toEqual([name, query, 400]);
    }
  });

  it('V1.5.2 JSON is parsed without object magic: __proto__ and constructor.prototype are refused', async () => {
    const user = await buildUser(api().app);
    for (const raw of [
      '{"displayName":"Proto","__proto__":{"isAdmin":true}}',
      '{"displayName":"Proto","constructor":{"prototype":{"isAdmin":true}}}',
    ]) {
      const answer = await callOverHttp(api(), 'updateMe', { token: user.token, body: raw });
      expect(answer.status).toBe(400);
    }
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it('V2.2.1 all input is checked against its schema: unknown fields, wrong types, sizes and control characters are 400', async () => {
    const { owner } = await buildCast(api().app);
    const room = await buildRoom(api().app, owner);
    const clientId = randomUUID();
    for (const body of [
      { clientId, body: 'hi', sender: 'someone-else' },
      { clientId, body: 42 },
      { clientId: 'spaces and /slashes/ are not an id', body: 'hi' },
      { clientId, body: 'x'.repeat(MESSAGE_MAX_LENGTH + 1) },
      { clientId, body: 'nul \u0000 inside' },
      { clientId, body: '' },
    ]) {
      const answer = await send(api(), owner, room.id, body);
      expect(answer.body).toMatchObject({ status: 400 });
    }
    const history = await callOverHttp(api(), 'history', { token: owner.token, params: { id: room.id } });
    expect((history.body as MessagePage).messages).toEqual([]);
  });
});

describe('ASVS V2 anti-automation', () => {
  const { api } = useAsvsDeployment({ env: { RATE_LIMIT_SEND_PER_10S: '3' } });

  it('V2.4.1 sends are rate limited per account: past the limit 429 with Retry-After, and nothing is stored', async () => {
    const { owner } = await buildCast(api().app);
    const room = await buildRoom(api().app, owner);
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let attempt = 0; attempt < 5; attempt++) {
      const answer = await send(api(), owner, room.id, {
        clientId: randomUUID(),
        body: `flood ${attempt}`,
      });
      statuses.push(answer.status);
      retryAfter ??= answer.headers.get('retry-after');
    }
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    const history = await callOverHttp(api(), 'history', {
      token: owner.token,
      params: { id: room.id },
    });
    expect((history.body as MessagePage).messages).toHaveLength(3);
  });
});
