import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, startTestApi, type TestApi } from '@livechat/api/testing';
import { startGateway, type TestGateway } from './support/gateway-harness.js';
import { openSocket, refusalOf, request, type TestSocket } from './support/socket-client.js';

const PER_USER = 3;
const PER_ADDRESS = 4;
const EVENTS_PER_10S = 20;

describe('client quotas per user and per address', () => {
  let api: TestApi;
  let gateway: TestGateway;
  const sockets: TestSocket[] = [];

  /** Opens a socket as if forwarded by nginx for `address`; resolves 'ready' or the refusal's code. */
  const attempt = (token: string, address: string) =>
    new Promise<{ socket: TestSocket; outcome: string }>((resolve) => {
      const socket = openSocket(gateway.url, token, { headers: { 'x-forwarded-for': address } });
      sockets.push(socket);
      socket.once('ready', () => resolve({ socket, outcome: 'ready' }));
      void refusalOf(socket).then((refusal) => resolve({ socket, outcome: refusal.code }));
    });

  beforeAll(async () => {
    api = await startTestApi({ redis: true, listen: true });
    gateway = await startGateway(api, {
      SOCKETS_PER_USER: String(PER_USER),
      SOCKETS_PER_ADDRESS: String(PER_ADDRESS),
      SOCKET_EVENTS_PER_10S: String(EVENTS_PER_10S),
      TRUST_PROXY: '127.0.0.1',
    });
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await gateway.close();
    await api.close();
  });

  it('refuses a user past their sockets, and admits one again when a socket closes', async () => {
    const user = await buildUser(api.app);
    const outcomes = [];
    for (let index = 0; index < PER_USER + 1; index++)
      outcomes.push(await attempt(user.token, `198.51.100.${index + 1}`));
    expect(outcomes.map((each) => each.outcome)).toEqual([
      ...Array<string>(PER_USER).fill('ready'),
      'rate_limited',
    ]);

    outcomes[0]!.socket.disconnect();
    let again = '';
    for (let tries = 0; tries < 20 && again !== 'ready'; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      again = (await attempt(user.token, '198.51.100.9')).outcome;
    }
    expect(again).toBe('ready');
  });

  it('refuses an address past its sockets, whoever the users are; other addresses are served', async () => {
    const users = await Promise.all(Array.from({ length: PER_ADDRESS + 1 }, () => buildUser(api.app)));
    const outcomes = [];
    for (const user of users) outcomes.push((await attempt(user.token, '203.0.113.7')).outcome);
    expect(outcomes).toEqual([...Array<string>(PER_ADDRESS).fill('ready'), 'rate_limited']);
    expect((await attempt(users.at(-1)!.token, '203.0.113.8')).outcome).toBe('ready');
  });

  it('makes presence queries cost more of the budget than other events', async () => {
    const user = await buildUser(api.app);
    const { socket } = await attempt(user.token, '192.0.2.1');
    type Answer = { ok: boolean; error?: { code: string } };
    const answers = [];
    for (let index = 0; index < EVENTS_PER_10S; index++)
      answers.push(await request<Answer>(socket, 'presence:query', { userIds: [] }));
    const served = answers.filter((answer) => answer.ok).length;
    // Each costs 5 of the 20: four are served, the rest refused.
    expect(served).toBe(EVENTS_PER_10S / 5);
    expect(answers.at(-1)).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
  });
});
