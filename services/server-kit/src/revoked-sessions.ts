/** A revoked session and the moment (epoch ms) after which no access token of it can still be valid. */
export interface RevokedSession {
  sessionId: string;
  until: number;
}

/**
 * The sessions (access-token `sid`s) that were revoked while some of their access tokens may still be
 * valid. Every API and gateway process holds the whole list in memory, so the check on the hot path —
 * every REST request, handshake and in-band refresh — is one Map lookup: no database query and no Redis
 * round trip. The list is small (revocations of the last access-token lifetime) and changes rarely.
 *
 * Why a replicated in-process set rather than one Redis EXISTS per request: it costs nothing per request
 * and keeps working while Redis is down (what was learnt stays known); the price is that a replica learns
 * a revocation by pub/sub, within milliseconds.
 */
export interface RevokedSessions {
  /** Whether this session was revoked and may still hold valid tokens. O(1), no I/O. */
  has(sessionId: string): boolean;
  /** Revokes sessions until `until` here at once, then tells every other process (Redis). */
  revoke(sessionIds: string[], until: number): Promise<void>;
  /**
   * Rebuilds the shared list from the system of record (the API's Postgres) and marks it complete until
   * `completeUntil`: entries already known are kept (a revocation never ends early).
   */
  restore(sessions: RevokedSession[], completeUntil: number): Promise<void>;
  /** False when the shared list was lost (Redis restarted or its key was deleted) and needs `restore`. */
  isComplete(): Promise<boolean>;
  close(): Promise<void>;
}

/** How often entries whose tokens have all expired are dropped from memory. */
const PURGE_INTERVAL_MS = 60_000;

/** The in-memory list every process keeps: entries expire by themselves. */
export class LocalRevocations {
  readonly #until = new Map<string, number>();
  readonly #purge = setInterval(() => this.purge(Date.now()), PURGE_INTERVAL_MS);

  constructor() {
    this.#purge.unref();
  }

  has(sessionId: string): boolean {
    const until = this.#until.get(sessionId);
    return until !== undefined && until > Date.now();
  }

  /** Adds entries, keeping the later expiry of a session revoked twice. */
  merge(sessions: Iterable<RevokedSession>): void {
    for (const { sessionId, until } of sessions) {
      if (until > (this.#until.get(sessionId) ?? 0)) this.#until.set(sessionId, until);
    }
  }

  purge(now: number): void {
    for (const [sessionId, until] of this.#until) if (until <= now) this.#until.delete(sessionId);
  }

  get size(): number {
    return this.#until.size;
  }

  close(): void {
    clearInterval(this.#purge);
  }
}

/**
 * One process with no Redis (standalone): the API and the gateway share this very object, so a revocation
 * is seen by both at once. Nothing can lose it short of a restart, which `restore` covers at boot.
 */
export function memoryRevokedSessions(): RevokedSessions {
  const local = new LocalRevocations();
  let complete = false;
  return {
    has: (sessionId) => local.has(sessionId),
    revoke: async (sessionIds, until) => local.merge(sessionIds.map((sessionId) => ({ sessionId, until }))),
    restore: async (sessions) => {
      local.merge(sessions);
      complete = true;
    },
    isComplete: async () => complete,
    close: async () => local.close(),
  };
}
