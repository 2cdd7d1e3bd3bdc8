import { createApiClient, type ApiClient } from '@livechat/client';
import type { TestPerson } from './chat-driver';

/**
 * REST calls from Node as one person, for what would take a browser too long (thousands of messages).
 * Sends the Origin the server expects, as a browser would; a lapsed access token is renewed by logging in
 * again (Node keeps no refresh cookie here, and the suite's tokens live 20 s).
 */
export async function signedInApi(baseUrl: string, person: TestPerson): Promise<ApiClient> {
  let token: string | null = null;
  const api = createApiClient({
    baseUrl,
    getToken: () => token,
    headers: () => ({ origin: baseUrl }),
    renewToken: async () => {
      token = (await logIn()).accessToken;
    },
  });
  const logIn = () => api.call('login', { body: { email: person.email, password: person.password } });
  token = (await logIn()).accessToken;
  return api;
}

/** Sends `count` messages to a room, `concurrency` at a time; returns when all are stored. */
export async function seedMessages(
  api: ApiClient,
  roomId: string,
  count: number,
  text: (index: number) => string,
  concurrency = 8,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      await api.call('sendMessage', {
        params: { id: roomId },
        body: { clientId: `seed-${roomId}-${index}`, body: text(index) },
      });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/** Registers someone and verifies their address through the dev mailbox, without a browser. */
export async function registerVerified(baseUrl: string, person: TestPerson): Promise<void> {
  const api = createApiClient({ baseUrl, headers: () => ({ origin: baseUrl }) });
  await api.call('register', { body: person });
  const deadline = Date.now() + 15_000;
  for (;;) {
    const { mails } = await api.call('devMailbox', { query: { to: person.email } });
    const token = mails
      .map((mail) => /verify-email\?token=([A-Za-z0-9_-]+)/.exec(mail.text)?.[1])
      .find(Boolean);
    if (token) {
      await api.call('verifyEmail', { body: { token } });
      return;
    }
    if (Date.now() > deadline) throw new Error(`no verification mail for ${person.email}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
