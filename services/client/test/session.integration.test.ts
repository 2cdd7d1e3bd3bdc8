import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TEST_ORIGIN, type TestUser } from '@livechat/api/testing';
import type { ErrorCode } from '@livechat/protocol';
import { createApiClient } from '../src/api-client.js';
import { createCookieJar } from '../src/cookie-jar.js';
import { TokenKeeper, type AccessTokenSource } from '../src/token-keeper.js';
import { recordStates, startChatStack, type ChatStack } from './support/chat-stack.js';

// Access tokens live 5 s here (the API's minimum), so refresh and expiry happen within a test.
const TTL_SECONDS = 5;
const within = { timeout: 15_000, interval: 50 };

describe('ChatClient sessions against the real API and gateway', () => {
  let stack: ChatStack;

  beforeAll(async () => {
    stack = await startChatStack({ ACCESS_TOKEN_TTL_SECONDS: String(TTL_SECONDS) });
  });
  afterAll(async () => {
    await stack.close();
  });

  /** Logs in over REST as a Node client would: the refresh cookie lands in a jar, Origin is ours. */
  async function signIn(user: TestUser) {
    const jar = createCookieJar();
    const api = createApiClient({
      baseUrl: stack.api.url,
      fetch: jar.fetch,
      headers: () => ({ origin: TEST_ORIGIN }),
    });
    const grant = await api.call('login', { body: { email: user.email, password: user.password } });
    return { api, grant };
  }

  /** A room of `owner` with `member` in it, and a way for the owner to post to it. */
  async function roomWith(owner: TestUser, member: TestUser) {
    const room = await stack
      .rest(owner)
      .call('createRoom', { body: { name: 'session', memberIds: [member.id] } });
    const post = (body: string) =>
      stack
        .rest(owner)
        .call('sendMessage', { params: { id: room.id }, body: { clientId: crypto.randomUUID(), body } });
    return { room, post };
  }

  it.concurrent('refreshes the token in-band before it lapses: the socket stays connected', async () => {
    const [owner, user] = await Promise.all([stack.user(), stack.user()]);
    const { api, grant } = await signIn(user);
    const session = new TokenKeeper({ initial: grant, refresh: () => api.call('refresh') });
    const client = stack.client(user, { session });
    await client.connected();
    const states = recordStates(client);
    const tokens: string[] = [];
    session.onToken((token) => tokens.push(token));
    const { room, post } = await roomWith(owner, user);
    await client.openRoom(room.id);

    // Past the first token's expiry, and the second's.
    await vi.waitFor(() => expect(tokens.length).toBeGreaterThanOrEqual(2), within);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const sent = await post('still here');
    await vi.waitFor(
      () => expect(client.snapshot(room.id)!.messages.map((m) => m.id)).toEqual([sent.id]),
      within,
    );
    expect(states).toEqual([]);
    session.stop();
  });

  it.concurrent('refreshes and reconnects when the server cuts off a socket whose token lapsed', async () => {
    const [owner, user] = await Promise.all([stack.user(), stack.user()]);
    const { api, grant } = await signIn(user);
    // A session that refreshes only when asked: nothing in-band, so the gateway cuts the socket at expiry.
    let token = grant.accessToken;
    const refreshes: string[] = [];
    const session: AccessTokenSource = {
      token: () => token,
      refresh: async () => {
        token = (await api.call('refresh')).accessToken;
        refreshes.push(token);
      },
      onToken: () => () => undefined,
    };
    const client = stack.client(user, { session });
    await client.connected();
    const states = recordStates(client);
    const { room, post } = await roomWith(owner, user);
    await client.openRoom(room.id);

    await vi.waitFor(() => expect(states).toEqual(['reconnecting', 'connected']), within);
    expect(refreshes).toHaveLength(1);
    const sent = await post('after the reconnect');
    await vi.waitFor(
      () => expect(client.snapshot(room.id)!.messages.map((m) => m.id)).toEqual([sent.id]),
      within,
    );
  });

  it('ends the session when it is revoked everywhere', async () => {
    const user = await stack.user();
    const { api, grant } = await signIn(user);
    // No refresh of its own: only the gateway's word can end this session within the test.
    const session = new TokenKeeper({ initial: grant });
    const client = stack.client(user, { session });
    await client.connected();
    const ended: ErrorCode[] = [];
    client.onSessionEnded((code) => ended.push(code));

    await api.call('logout', { body: { everywhere: true } });
    await vi.waitFor(() => expect(ended).toEqual(['unauthenticated']), within);
    expect(client.connectionState).toBe('offline');
    session.stop();
  });
});
