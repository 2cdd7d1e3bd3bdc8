import { randomUUID } from 'node:crypto';
import { TEST_ORIGIN, buildUser, startTestApi, type TestApi, type TestUser } from '@livechat/api/testing';
import type { Message } from '@livechat/protocol';
import { createApiClient, type ApiClient } from '../../src/api-client.js';
import { ChatClient, type ChatClientOptions } from '../../src/chat-client.js';
import type { ConnectionState } from '../../src/socket-connection.js';
import { TokenKeeper } from '../../src/token-keeper.js';
// The gateway's own test harness (one replica on port 0 sharing the API's Redis). The gateway depends on this
// client at runtime, so it cannot be a declared dependency here without a cycle; the import is test-only.
import { startGateway, type TestGateway } from '../../../gateway/test/support/gateway-harness.js';

/** A real API (Postgres, Redis fan-out, HTTP on port 0) and one real gateway in front of the same Redis. */
export interface ChatStack {
  api: TestApi;
  gateway: TestGateway;
  /** A ChatClient for `user`, as a Node client: our Origin on REST and on the socket. */
  client(user: TestUser, options?: Partial<ChatClientOptions>): ChatClient;
  /** Plain REST calls as `user` (with a new token whenever the last one lapsed). */
  rest(user: TestUser): ApiClient;
  /** Every message of the room as the server has it now, in seq order. */
  truth(user: TestUser, roomId: string): Promise<Message[]>;
  user(): Promise<TestUser>;
  close(): Promise<void>;
}

export async function startChatStack(env: Record<string, string> = {}): Promise<ChatStack> {
  const api = await startTestApi({ redis: true, listen: true, env });
  const gateway = await startGateway(api);
  const clients: ChatClient[] = [];
  const origin = () => ({ origin: TEST_ORIGIN });
  // Test tokens are signed straight away, without a session to refresh: sign a new one when one lapses.
  const tokens = new Map<string, string>();
  const rest = (user: TestUser) =>
    createApiClient({
      baseUrl: api.url,
      headers: origin,
      getToken: () => tokens.get(user.id) ?? user.token,
      renewToken: async () => {
        const { token } = await api.app.tokens.sign({
          userId: user.id,
          sessionId: randomUUID(),
          emailVerified: true,
          displayName: user.displayName,
        });
        tokens.set(user.id, token);
      },
    });
  return {
    api,
    gateway,
    client(user, options = {}) {
      const session = new TokenKeeper({
        initial: { accessToken: user.token, expiresAt: new Date(Date.now() + 60_000).toISOString() },
      });
      const client = new ChatClient({
        baseUrl: api.url,
        socketUrl: gateway.url,
        session,
        headers: origin,
        socketOptions: { extraHeaders: origin(), reconnectionDelay: 200, reconnectionDelayMax: 1000 },
        gapGraceMs: 100,
        retry: { baseDelayMs: 50 },
        ...options,
      });
      clients.push(client);
      return client;
    },
    rest,
    async truth(user, roomId) {
      const messages: Message[] = [];
      for (let more = true; more;) {
        const after = messages.at(-1)?.seq ?? 0;
        const page = await rest(user).call('history', {
          params: { id: roomId },
          query: { after, limit: 200 },
        });
        messages.push(...page.messages);
        more = page.hasMore;
      }
      return messages;
    },
    user: () => buildUser(api.app),
    async close() {
      for (const client of clients) client.close();
      await gateway.close();
      await api.close();
    },
  };
}

/** Every connection state a client goes through from now on. */
export function recordStates(client: ChatClient): ConnectionState[] {
  const states: ConnectionState[] = [];
  client.onConnectionState((state) => states.push(state));
  return states;
}

/**
 * Checks every snapshot a client shows of a room while the test runs: each message once, seqs strictly
 * increasing. Returns the violations seen (empty when the stream was always clean).
 */
export function watchStream(client: ChatClient, roomId: string): string[] {
  const violations: string[] = [];
  client.onMessages(roomId, ({ messages }) => {
    const ids = new Set(messages.map((message) => message.id));
    if (ids.size !== messages.length) violations.push(`duplicate in ${messages.map((m) => m.seq).join(',')}`);
    for (let i = 1; i < messages.length; i += 1) {
      if (messages[i]!.seq <= messages[i - 1]!.seq)
        violations.push(`out of order at seq ${messages[i]!.seq}`);
    }
  });
  return violations;
}
