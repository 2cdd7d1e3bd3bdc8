import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Message, Problem } from '@livechat/protocol';
import { buildRoom, buildUser, type TestUser } from './support/factories.js';
import { requestRoute } from './support/route-request.js';
import { startTestApi, type TestApi } from './support/test-api.js';

const FLOOD = 60;

describe('admission control past saturation', () => {
  let api: TestApi;
  let alice: TestUser;
  let bob: TestUser;

  beforeAll(async () => {
    // A tiny gate, so that a burst from one test overloads it.
    api = await startTestApi({
      env: { ADMISSION_CONCURRENCY: '1', ADMISSION_QUEUE_LENGTH: '3', ADMISSION_QUEUE_WAIT_MS: '20' },
    });
    [alice, bob] = await Promise.all([buildUser(api.app), buildUser(api.app)]);
  });
  afterAll(() => api.close());

  const send = (clientId: string) =>
    requestRoute(api.app, alice, 'sendMessage', {
      params: { id: roomId },
      body: { clientId, body: clientId },
    });
  let roomId = '';

  it('sheds a flood with 503 and Retry-After, and every send retried with its clientId is stored once', async () => {
    roomId = (await buildRoom(api.app, alice, [bob])).id;
    const clientIds = Array.from({ length: FLOOD }, (_, index) => `flood-${index}`);
    const first = await Promise.all(clientIds.map((clientId) => send(clientId)));
    const statuses = first.map((response) => response.statusCode);
    expect(statuses.every((status) => status === 201 || status === 503)).toBe(true);
    const shed = first.filter((response) => response.statusCode === 503);
    expect(shed.length).toBeGreaterThan(0);
    for (const response of shed) {
      expect(response.headers['retry-after']).toBe('1');
      expect(response.json<Problem>()).toMatchObject({
        code: 'unavailable',
        status: 503,
        retryAfterSeconds: 1,
      });
    }

    // What was accepted is stored whole; what was refused left nothing behind.
    const accepted = first.filter((response) => response.statusCode === 201).map((r) => r.json<Message>());
    expect(await storedClientIds()).toEqual(accepted.map((message) => message.clientId).sort());

    // The client retries the refused ones with the same clientId (one by one, as a backed-off client would).
    const answers = new Map(accepted.map((message) => [message.clientId, message]));
    for (const [index, response] of first.entries()) {
      if (response.statusCode === 201) continue;
      const retried = await send(clientIds[index]!);
      expect(retried.statusCode, retried.body).toBe(201);
      answers.set(clientIds[index]!, retried.json<Message>());
    }
    // A late duplicate of an accepted send answers the original.
    const again = await send(accepted[0]!.clientId);
    expect(again.json<Message>().id).toBe(accepted[0]!.id);

    expect(await storedClientIds()).toEqual([...clientIds].sort());
    const stored = await api.app.db
      .selectFrom('messages')
      .select(['id', 'seq', 'client_id'])
      .where('room_id', '=', roomId)
      .orderBy('seq')
      .execute();
    expect(stored.map((row) => row.seq)).toEqual(Array.from({ length: FLOOD }, (_, index) => index + 1));
    for (const row of stored) expect(answers.get(row.client_id)!.id).toBe(row.id);
    const room = await api.app.db
      .selectFrom('rooms')
      .select(['last_seq', 'revision'])
      .where('id', '=', roomId)
      .executeTakeFirstOrThrow();
    expect(room).toEqual({ last_seq: FLOOD, revision: FLOOD });
    // One message:new recorded per stored message, none for the refused attempts.
    const events = await api.app.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where(sql`operation->>'event'`, '=', 'message:new')
      .where(sql`operation->'payload'->>'roomId'`, '=', roomId)
      .executeTakeFirstOrThrow();
    expect(Number(events.count)).toBe(FLOOD);
  });

  const storedClientIds = async () =>
    (await api.app.db.selectFrom('messages').select('client_id').where('room_id', '=', roomId).execute())
      .map((row) => row.client_id)
      .sort();
});

/** Blocks this process's event loop, as a CPU-bound API's backlog would. */
const busy = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('load shedding while the event loop lags', () => {
  let api: TestApi;
  let alice: TestUser;

  beforeAll(async () => {
    // Real HTTP: shedding stands in front of Fastify, on the server's request event, which inject skips.
    api = await startTestApi({ listen: true, env: { ADMISSION_MAX_LOOP_DELAY_MS: '20' } });
    alice = await buildUser(api.app);
  });
  afterAll(() => api.close());

  const me = () => fetch(`${api.url}/api/users/me`, { headers: { authorization: `Bearer ${alice.token}` } });

  it('answers API requests 503 with Retry-After right after a stall, health checks still 200, then recovers', async () => {
    let shed: Response | undefined;
    let health = 0;
    // The sampler must tick between the stall and the request; a busy machine may need another go.
    for (let attempt = 0; attempt < 5 && !shed; attempt++) {
      busy(300);
      await pause(15);
      const [answer, healthz] = await Promise.all([me(), fetch(`${api.url}/healthz`)]);
      if (answer.status === 503) [shed, health] = [answer, healthz.status];
    }
    expect(shed?.headers.get('retry-after')).toBe('1');
    expect(shed?.headers.get('content-type')).toBe('application/problem+json');
    // The header policy of every response holds for this one too.
    expect(shed?.headers.get('x-content-type-options')).toBe('nosniff');
    expect(shed?.headers.get('cache-control')).toBe('no-store');
    expect(await shed?.json()).toMatchObject({
      code: 'unavailable',
      status: 503,
      retryAfterSeconds: 1,
      instance: '/api/users/me',
    } satisfies Partial<Problem>);
    expect(health).toBe(200);
    const metrics = await api.app.metrics.metrics();
    expect(metrics).toMatch(/^http_requests_shed_total [1-9]/m);

    // Once the loop keeps up again, requests are served.
    let status = 0;
    for (let attempt = 0; attempt < 50 && status !== 200; attempt++) {
      await pause(100);
      status = (await me()).status;
    }
    expect(status).toBe(200);
  });
});
