import proxyAddr from '@fastify/proxy-addr';
import type { ClientEventName } from '@livechat/protocol';
import type { GatewaySocket } from './socket-types.js';
import { TokenBucket } from './token-bucket.js';

export interface ClientQuotaLimits {
  /** Sockets one user may hold on this replica (all tabs and devices). */
  socketsPerUser: number;
  /** Sockets one client address may hold on this replica (all users behind it). */
  socketsPerAddress: number;
  /** Event budget per user per 10 s, shared by all of the user's sockets here. */
  eventsPer10s: number;
  /** TRUST_PROXY: the proxies whose X-Forwarded-For names the client; unset trusts none. */
  trustProxy: string | undefined;
}

/** What an event costs of the budget: a presence query reads Redis for up to hundreds of users. */
const EVENT_COST: Record<ClientEventName, number> = {
  'auth:refresh': 1,
  'typing:start': 1,
  'presence:query': 5,
};

interface UserAllowance {
  sockets: number;
  /** Made at the user's first event: an idle socket (most of them) never needs one. */
  events?: TokenBucket;
}

/**
 * What clients may take of one replica, per user and per address rather than per socket — so that
 * opening more sockets buys nothing: a cap on sockets per user and per address (checked at handshake),
 * and one event budget per user shared by all of their sockets, which expensive events draw on more.
 * Why per replica and not across the cluster: the cost being protected (memory, CPU, the event loop
 * that serves the honest users of this replica) is per replica too, and a count here needs no Redis
 * round trip per connect. A user's allowance lives while they hold a socket here.
 */
export class ClientQuotas {
  private readonly users = new Map<string, UserAllowance>();
  private readonly addresses = new Map<string, number>();
  private readonly trusted: (address: string, hop: number) => boolean;

  constructor(private readonly limits: ClientQuotaLimits) {
    const proxies = (limits.trustProxy ?? '')
      .split(',')
      .map((each) => each.trim())
      .filter(Boolean);
    this.trusted = proxyAddr.compile(proxies);
  }

  /** The client's address: the connection's peer, or what a trusted proxy says it forwarded. */
  addressOf(socket: GatewaySocket): string {
    return proxyAddr(socket.request, this.trusted);
  }

  /** Takes a place for a new socket of `userId` from `address`; why not, when they have all theirs. */
  admit(userId: string, address: string): string | null {
    const user = this.users.get(userId);
    if ((user?.sockets ?? 0) >= this.limits.socketsPerUser)
      return `Too many connections for this account (${this.limits.socketsPerUser}); close a tab or another device`;
    const fromAddress = this.addresses.get(address) ?? 0;
    if (fromAddress >= this.limits.socketsPerAddress)
      return `Too many connections from your network (${this.limits.socketsPerAddress})`;
    if (user) user.sockets++;
    else this.users.set(userId, { sockets: 1 });
    this.addresses.set(address, fromAddress + 1);
    return null;
  }

  /** Gives back the place of a socket that `admit` let in. */
  release(userId: string, address: string): void {
    const user = this.users.get(userId);
    if (user && --user.sockets === 0) this.users.delete(userId);
    const fromAddress = (this.addresses.get(address) ?? 1) - 1;
    if (fromAddress === 0) this.addresses.delete(address);
    else this.addresses.set(address, fromAddress);
  }

  /** Spends what `event` costs of its user's budget; false (spending nothing) when it does not suffice. */
  spend(userId: string, event: string): boolean {
    const user = this.users.get(userId);
    if (!user) return false;
    // A bucket made now is as full as one made at connect would be by now (it refills to its capacity).
    user.events ??= new TokenBucket(this.limits.eventsPer10s, 10_000);
    return user.events.take(EVENT_COST[event as ClientEventName] ?? 1);
  }
}
