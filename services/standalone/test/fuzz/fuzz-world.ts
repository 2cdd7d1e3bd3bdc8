import { randomUUID } from 'node:crypto';
import { REFRESH_COOKIE, ROUTES, routePath, type RouteName, type RoomSummary } from '@livechat/protocol';
import type { RefKind } from './fixture-ref.js';
import type { createHttpExchange, HttpResponse } from './http-exchange.js';

type Exchange = ReturnType<typeof createHttpExchange>;

export interface Account {
  id: string;
  email: string;
  password: string;
  token: string;
  /** The refresh cookie of the account's latest login (only Carol's is used, by refresh and logout). */
  refreshCookie: string;
}

/**
 * The people, rooms and messages the fuzz cases act on, made through the real endpoints: Alice (the
 * caller of most cases), Bob (whose rooms and messages are "someone else's"), Carol (whose refresh cookie
 * the refresh and logout cases use) and Uma, who never verified her address. Cases delete rooms, leave
 * them, log people out and change passwords: `repair` puts the world back together between cases.
 */
export class FuzzWorld {
  alice!: Account;
  bob!: Account;
  carol!: Account;
  uma!: Account;
  private rooms = { own: '', member: '', foreign: '' };
  private messages = { own: '', others: '', foreign: '' };

  private constructor(
    private readonly http: Exchange,
    readonly origin: string,
  ) {}

  static async create(http: Exchange, origin: string): Promise<FuzzWorld> {
    const world = new FuzzWorld(http, origin);
    [world.alice, world.bob, world.carol, world.uma] = await Promise.all([
      world.signUp('Alice', true),
      world.signUp('Bob', true),
      world.signUp('Carol', true),
      world.signUp('Uma', false),
    ]);
    await world.repair();
    return world;
  }

  resolve(kind: RefKind): string {
    switch (kind) {
      case 'ownRoom':
        return this.rooms.own;
      case 'memberRoom':
        return this.rooms.member;
      case 'foreignRoom':
        return this.rooms.foreign;
      case 'ownMessage':
        return this.messages.own;
      case 'othersMessage':
        return this.messages.others;
      case 'foreignMessage':
        return this.messages.foreign;
      case 'self':
        return this.alice.id;
      case 'otherUser':
        return this.bob.id;
      case 'unverifiedUser':
        return this.uma.id;
      case 'selfEmail':
        return this.alice.email;
      case 'otherEmail':
        return this.bob.email;
      case 'selfPassword':
        return this.alice.password;
      case 'selfToken':
        return this.alice.token;
      case 'otherToken':
        return this.bob.token;
      case 'unverifiedToken':
        return this.uma.token;
      case 'tamperedToken':
        return `${this.alice.token.slice(0, -4)}${this.alice.token.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
    }
  }

  /** A case changed Alice's password (change-password answered 200): later logins need the new one. */
  passwordChanged(password: string): void {
    this.alice.password = password;
  }

  /** A response set Carol's refresh cookie anew (refresh rotated it, or cleared it on logout). */
  noteCookies(response: HttpResponse, sentCookie: string | undefined): void {
    const refresh = refreshCookieOf(response);
    if (refresh === undefined || sentCookie !== this.carol.refreshCookie) return;
    this.carol.refreshCookie = refresh;
    // Cleared: the session ended (logout, or a refused refresh); Carol logs in again before her next case.
    if (!this.carol.refreshCookie) this.carolSignedOut = true;
  }

  /** Carol's session ended (the logout and refresh cases use it): she signs in again before the next one. */
  carolSignedOut = false;

  /** Whether an access token of Alice's still works (a concurrent case may have ended its session). */
  async signedIn(token: string): Promise<boolean> {
    return (await this.call({ ...this.alice, token }, 'me')).status === 200;
  }

  async renewCarol(): Promise<void> {
    this.carolSignedOut = false;
    await this.logIn(this.carol);
  }

  /** Set when a case ended a session or removed a fixture: the next case repairs the world first. */
  broken = false;

  /**
   * Makes every fixture true again: sessions that work (logging in again where a case ended one), Alice's
   * own room with Bob in it, Bob's room with Alice in it, Bob's room without her, and a fresh message in
   * each (a case may have deleted or edited the last ones).
   */
  repair(): Promise<void> {
    // Targets run side by side and may ask at once: one repair at a time, shared by those who asked.
    this.repairing ??= this.repairNow().finally(() => (this.repairing = undefined));
    return this.repairing;
  }

  private repairing: Promise<void> | undefined;

  /** Cases of other targets run meanwhile and may end a session mid-repair: then the repair starts over. */
  private async repairNow(): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.repairOnce();
      } catch (error) {
        if (attempt === 5) throw error;
      }
    }
  }

  private async repairOnce(): Promise<void> {
    this.broken = false;
    for (const account of [this.alice, this.bob, this.uma]) {
      if ((await this.call(account, 'me')).status !== 200) await this.logIn(account);
    }
    const refreshed = await this.call(this.carol, 'refresh', {}, { cookie: this.carol.refreshCookie });
    if (refreshed.status !== 200) await this.logIn(this.carol);
    else this.carol.refreshCookie = refreshCookieOf(refreshed) ?? this.carol.refreshCookie;

    const mine = await this.roomsOf(this.alice);
    const bobs = await this.roomsOf(this.bob);
    const own = mine.get(this.rooms.own);
    if (own?.myRole !== 'owner' || !bobs.has(this.rooms.own))
      this.rooms.own = await this.createRoom(this.alice, [this.bob.id]);
    if (!mine.has(this.rooms.member) || bobs.get(this.rooms.member)?.myRole !== 'owner')
      this.rooms.member = await this.createRoom(this.bob, [this.alice.id]);
    if (mine.has(this.rooms.foreign) || bobs.get(this.rooms.foreign)?.myRole !== 'owner')
      this.rooms.foreign = await this.createRoom(this.bob, []);
    this.messages.own = await this.send(this.alice, this.rooms.own);
    this.messages.others = await this.send(this.bob, this.rooms.member);
    this.messages.foreign = await this.send(this.bob, this.rooms.foreign);
  }

  private async signUp(name: string, verify: boolean): Promise<Account> {
    const email = `${name.toLowerCase()}-${randomUUID().slice(0, 8)}@example.com`;
    const password = `${randomUUID()} is long enough`;
    await this.expect(202, this.call(null, 'register', { body: { email, password, displayName: name } }));
    if (verify) {
      const mailbox = await this.expect(
        200,
        this.call(null, 'devMailbox', { query: `?to=${encodeURIComponent(email)}` }),
      );
      const { mails } = JSON.parse(mailbox.body) as { mails: { text: string }[] };
      const token = /verify-email\?token=([A-Za-z0-9_-]+)/.exec(mails[0]?.text ?? '')?.[1];
      if (!token) throw new Error(`fuzz world: no verification link for ${email}`);
      await this.expect(200, this.call(null, 'verifyEmail', { body: { token } }));
    }
    const account: Account = { id: '', email, password, token: '', refreshCookie: '' };
    await this.logIn(account);
    return account;
  }

  private async logIn(account: Account): Promise<void> {
    const response = await this.expect(
      200,
      this.call(null, 'login', { body: { email: account.email, password: account.password } }),
    );
    const session = JSON.parse(response.body) as { accessToken: string; user: { id: string } };
    account.id = session.user.id;
    account.token = session.accessToken;
    account.refreshCookie = refreshCookieOf(response) ?? '';
  }

  private async roomsOf(account: Account): Promise<Map<string, RoomSummary>> {
    const response = await this.expect(200, this.call(account, 'listRooms'));
    const { rooms } = JSON.parse(response.body) as { rooms: RoomSummary[] };
    return new Map(rooms.map((room) => [room.id, room]));
  }

  private async createRoom(owner: Account, memberIds: string[]): Promise<string> {
    const body = { name: `Fuzz ${randomUUID().slice(0, 8)}`, memberIds };
    const response = await this.expect(201, this.call(owner, 'createRoom', { body }));
    return (JSON.parse(response.body) as { id: string }).id;
  }

  private async send(sender: Account, roomId: string): Promise<string> {
    const body = { clientId: randomUUID(), body: `fixture ${randomUUID().slice(0, 8)}` };
    const response = await this.expect(
      201,
      this.call(sender, 'sendMessage', { params: { id: roomId }, body }),
    );
    return (JSON.parse(response.body) as { id: string }).id;
  }

  /** A well-formed call of a route as `account` (or anonymously), with our Origin. */
  private async call(
    account: Account | null,
    name: RouteName,
    input: { params?: Record<string, string>; query?: string; body?: unknown } = {},
    extra: { cookie?: string } = {},
  ): Promise<HttpResponse> {
    const spec = ROUTES[name];
    const headers: Record<string, string> = { origin: this.origin };
    if (account) headers.authorization = `Bearer ${account.token}`;
    if (extra.cookie) headers.cookie = `${REFRESH_COOKIE}=${extra.cookie}`;
    if (input.body !== undefined) headers['content-type'] = 'application/json';
    const response = await this.http.send({
      method: spec.method,
      path: routePath(spec.path, input.params) + (input.query ?? ''),
      headers,
      ...(input.body === undefined ? {} : { body: JSON.stringify(input.body) }),
    });
    return response;
  }

  private async expect(status: number, pending: Promise<HttpResponse>): Promise<HttpResponse> {
    const response = await pending;
    if (response.status !== status)
      throw new Error(
        `fuzz world: expected ${status}, got ${response.status}: ${response.body.slice(0, 500)}`,
      );
    return response;
  }
}

/** The refresh cookie a response sets ('' when it clears it), or undefined when it sets none. */
function refreshCookieOf(response: HttpResponse): string | undefined {
  const set = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
  const refresh = set.find((cookie) => cookie.startsWith(`${REFRESH_COOKIE}=`));
  return refresh === undefined ? undefined : (refresh.slice(REFRESH_COOKIE.length + 1).split(';')[0] ?? '');
}
