import { TokenKeeper, createApiClient, type AccessTokenSource, type ApiClient } from '@livechat/client';
import type { ErrorCode, SessionUser } from '@livechat/protocol';
import { hasSessionMarker } from './session-marker';

export type SessionState =
  | { status: 'booting' }
  | { status: 'signedOut'; reason: string | null }
  | { status: 'signedIn'; user: SessionUser };

export interface SessionStoreOptions {
  /** API origin; '' for the page's own. */
  baseUrl?: string;
  /**
   * The person this device last saw signed in, with their saved chat (src/offline): shown, signed in
   * without a token, when boot cannot reach the server. Their token comes with the first refresh that does.
   */
  savedUser?: () => Promise<SessionUser | null>;
}

const ENDED_REASONS: Partial<Record<ErrorCode, string>> = {
  unauthenticated: 'Your session has ended. Log in again.',
  token_expired: 'Your session has expired. Log in again.',
};

/**
 * The signed-in person. The access token lives only in memory, in the client library's `TokenKeeper`,
 * which refreshes it before expiry (one refresh at a time; a refusal ends the session, a network failure
 * retries). The HttpOnly refresh cookie is what survives a reload, so boot starts with a refresh — when
 * the session marker the API sets beside it says there is one.
 * It is the `AccessTokenSource` the realtime client reads the token from, too.
 */
export class SessionStore implements AccessTokenSource {
  readonly api: ApiClient;
  private readonly keeper: TokenKeeper;
  private state: SessionState = { status: 'booting' };
  private readonly listeners = new Set<() => void>();
  private loggingOut = false;
  /** The user of the latest login or refresh answer, until the keeper has its token. */
  private grantedUser: SessionUser | null = null;

  private readonly savedUser: (() => Promise<SessionUser | null>) | undefined;

  constructor({ baseUrl = '', savedUser }: SessionStoreOptions = {}) {
    this.savedUser = savedUser;
    // A 401 on a signed-in call (the token lapsed while a laptop slept) renews the token and repeats the call once.
    this.api = createApiClient({
      baseUrl,
      getToken: () => this.keeper.token(),
      renewToken: () => this.keeper.refresh(),
    });
    this.keeper = new TokenKeeper({
      refresh: async () => {
        const answer = await this.api.call('refresh');
        this.grantedUser = answer.user;
        return answer;
      },
    });
    // Signed in only once the keeper holds the token: the chat screen connects its socket as soon as it
    // renders, and a handshake without a token is refused for good.
    this.keeper.onToken(() => {
      if (this.grantedUser) this.set({ status: 'signedIn', user: this.grantedUser });
    });
    this.keeper.onEnded((code) => {
      const wasSignedIn = this.state.status === 'signedIn';
      this.set({
        status: 'signedOut',
        reason:
          wasSignedIn && !this.loggingOut
            ? (ENDED_REASONS[code] ?? ENDED_REASONS.unauthenticated ?? null)
            : null,
      });
    });
  }

  getState = (): SessionState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  token(): string | null {
    return this.keeper.token();
  }

  onToken(listener: (token: string) => void): () => void {
    return this.keeper.onToken(listener);
  }

  onEnded(listener: (code: ErrorCode) => void): () => void {
    return this.keeper.onEnded(listener);
  }

  /** Gets a fresh access token (and the user as the server now sees them); true when one was received. */
  async refresh(): Promise<boolean> {
    const before = this.keeper.token();
    const after = await this.keeper.refresh();
    return after !== null && after !== before;
  }

  /**
   * Restores the session from the refresh cookie; an unreachable server shows the person this device saved
   * (signed in, no token yet) or leaves them signed out, retrying — at once when the browser says the
   * network is back. Without the session marker there is no cookie to try: signed out at once, no request.
   */
  async boot(): Promise<void> {
    if (!hasSessionMarker()) {
      this.set({ status: 'signedOut', reason: null });
      return;
    }
    // A refresh due while offline failed and waits for its retry (up to 30 s): the token may lapse first.
    window.addEventListener('online', () => {
      if (!this.keeper.ended) void this.keeper.refresh();
    });
    await this.keeper.refresh();
    const saved = this.state.status === 'booting' && !this.keeper.ended ? await this.savedUser?.() : null;
    if (saved && this.state.status === 'booting') this.set({ status: 'signedIn', user: saved });
    if (this.state.status === 'booting') {
      this.set({
        status: 'signedOut',
        reason: this.keeper.ended ? null : 'Can’t reach LiveChat right now; retrying…',
      });
    }
  }

  async login(email: string, password: string): Promise<SessionUser> {
    const answer = await this.api.call('login', { body: { email, password } });
    this.grantedUser = answer.user;
    this.keeper.set(answer);
    return answer.user;
  }

  /** Replaces the user after a profile change. */
  setUser(user: SessionUser): void {
    this.grantedUser = user;
    if (this.state.status === 'signedIn') this.set({ status: 'signedIn', user });
  }

  async logout(everywhere: boolean): Promise<void> {
    this.loggingOut = true;
    try {
      await this.api.call('logout', { body: { everywhere } });
    } finally {
      this.signOut(everywhere ? 'You are logged out on every device.' : 'You are logged out.');
      this.loggingOut = false;
    }
  }

  /** Ends the session here (logout finished, or a password reset ended every session). */
  signOut(reason: string | null): void {
    this.grantedUser = null;
    this.loggingOut = true;
    this.keeper.end('unauthenticated');
    this.loggingOut = false;
    this.set({ status: 'signedOut', reason });
  }

  private set(state: SessionState): void {
    this.state = state;
    for (const listener of this.listeners) listener();
  }
}
