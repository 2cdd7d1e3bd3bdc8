import { randomUUID } from 'node:crypto';
import { ChatClient, TokenKeeper, createApiClient, createCookieJar, type ApiClient } from '@livechat/client';

/** A verified account on a running cluster. */
export interface ClusterAccount {
  email: string;
  password: string;
  displayName: string;
}

/** One signed-in device: its own refresh cookie, session and chat client, as a browser tab would have. */
export interface ClusterDevice {
  userId: string;
  session: TokenKeeper;
  /** Plain REST calls through nginx as this device. */
  api: ApiClient;
  /** A new chat client on this device's session, connecting through nginx at once. */
  openClient(): ChatClient;
}

const PASSWORD = 'correct horse battery staple';
const MAIL_WAIT_MS = 20_000;

/** REST calls through nginx with the cluster's own Origin, as its web app would make them. */
const anonymous = (url: string) => createApiClient({ baseUrl: url, headers: () => ({ origin: url }) });

/**
 * Registers through nginx and verifies the address with the link the dev mailbox holds — the path a
 * person takes, so the cluster's API replicas, mail queue and Postgres are all on it.
 */
export async function registerVerified(url: string, displayName: string): Promise<ClusterAccount> {
  const api = anonymous(url);
  const email = `${displayName.toLowerCase()}-${randomUUID().slice(0, 8)}@example.com`;
  await api.call('register', { body: { email, password: PASSWORD, displayName } });
  const deadline = Date.now() + MAIL_WAIT_MS;
  for (;;) {
    const { mails } = await api.call('devMailbox', { query: { to: email } });
    const token = mails.map((mail) => /[?&]token=([A-Za-z0-9_-]+)/.exec(mail.text)?.[1]).find(Boolean);
    if (token) {
      await api.call('verifyEmail', { body: { token } });
      return { email, password: PASSWORD, displayName };
    }
    if (Date.now() > deadline) throw new Error(`no verification mail for ${email} within ${MAIL_WAIT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Logs in as a new device: the refresh cookie goes into this device's own jar, and the session refreshes
 * through nginx like a browser's would. Chat clients reach REST and the socket through nginx only.
 */
export async function signInDevice(url: string, account: ClusterAccount): Promise<ClusterDevice> {
  const jar = createCookieJar();
  const origin = () => ({ origin: url });
  const auth = createApiClient({ baseUrl: url, fetch: jar.fetch, headers: origin });
  const grant = await auth.call('login', { body: { email: account.email, password: account.password } });
  const session = new TokenKeeper({ initial: grant, refresh: () => auth.call('refresh') });
  return {
    userId: grant.user.id,
    session,
    api: createApiClient({
      baseUrl: url,
      fetch: jar.fetch,
      headers: origin,
      getToken: () => session.token(),
      renewToken: () => session.refresh(),
    }),
    openClient: () =>
      new ChatClient({
        baseUrl: url,
        session,
        fetch: jar.fetch,
        headers: origin,
        // Quick reconnects: a client of a killed replica is back on another one within a second or so.
        socketOptions: { extraHeaders: origin(), reconnectionDelay: 200, reconnectionDelayMax: 1000 },
        gapGraceMs: 100,
        retry: { baseDelayMs: 100 },
      }),
  };
}
