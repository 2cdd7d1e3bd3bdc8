import type { IncomingMessage } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, startTestApi, type TestApi } from '@livechat/api/testing';
import { startGateway, type TestGateway } from './support/gateway-harness.js';
import { connectReady, pause, request, type TestSocket } from './support/socket-client.js';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

// Issue 7: an idle connection should cost what a bare Socket.IO socket costs. Engine.IO keeps the upgrade
// request of each connection for its life (~2 KiB in dictionary mode with its headers); the gateway lets go.
describe('memory held per connection', () => {
  let api: TestApi;
  let gateway: TestGateway;
  const sockets: TestSocket[] = [];
  const upgrades: WeakRef<IncomingMessage>[] = [];

  beforeAll(async () => {
    api = await startTestApi({ redis: true, listen: true });
    gateway = await startGateway(api);
    gateway.app.server.on('upgrade', (upgrade: IncomingMessage) => upgrades.push(new WeakRef(upgrade)));
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await gateway.close();
    await api.close();
  });

  it('keeps nothing of the upgrade request once a socket is ready, and the socket still works', async () => {
    const user = await buildUser(api.app);
    for (let index = 0; index < 3; index++) sockets.push(await connectReady(gateway.url, user.token));
    expect(upgrades).toHaveLength(3);

    await pause(50); // a WeakRef holds its target until the job that made it has ended
    collectGarbage();
    expect(upgrades.map((upgrade) => upgrade.deref())).toEqual([undefined, undefined, undefined]);

    const answer = await request<{ ok: boolean }>(sockets[0]!, 'presence:query', { userIds: [user.id] });
    expect(answer.ok).toBe(true);
  });
});
