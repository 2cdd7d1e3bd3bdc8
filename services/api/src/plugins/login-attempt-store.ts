/** Failures counted under one key within its window. */
export interface FailureCount {
  count: number;
  /** Until the window (which started with its first failure) ends; 0 when there is none. */
  resetsInMs: number;
}

/**
 * What the login throttle remembers, in Redis (shared by every API replica) or in this process. Keys
 * carry their purpose; the store knows nothing of logins.
 */
export interface LoginAttemptStore {
  /** The failures under each key. */
  failures(keys: string[]): Promise<FailureCount[]>;
  /** Counts one failure under each key; a key's window starts with its first failure, never extended. */
  recordFailure(keys: string[], windowMs: number): Promise<void>;
  /**
   * Takes the turn `key` for `ms` unless someone holds it: answers 0 when taken, else how long until it
   * is free. Atomic, so a burst of parallel attempts gets one turn, not one each.
   */
  takeTurn(key: string, ms: number): Promise<number>;
  forget(key: string): Promise<void>;
}

/** The store in this process's memory: standalone, and the stand-in while Redis is unreachable. */
export class MemoryLoginAttempts implements LoginAttemptStore {
  private readonly entries = new Map<string, { count: number; endsAt: number }>();

  private live(key: string, now: number) {
    const entry = this.entries.get(key);
    if (entry && entry.endsAt > now) return entry;
    this.entries.delete(key);
    return undefined;
  }

  private put(key: string, ms: number, now: number) {
    if (this.entries.size > 10_000) this.sweep(now);
    const entry = { count: 0, endsAt: now + ms };
    this.entries.set(key, entry);
    return entry;
  }

  failures(keys: string[]): Promise<FailureCount[]> {
    const now = Date.now();
    return Promise.resolve(
      keys.map((key) => {
        const entry = this.live(key, now);
        return entry ? { count: entry.count, resetsInMs: entry.endsAt - now } : { count: 0, resetsInMs: 0 };
      }),
    );
  }

  recordFailure(keys: string[], windowMs: number): Promise<void> {
    const now = Date.now();
    for (const key of keys) (this.live(key, now) ?? this.put(key, windowMs, now)).count += 1;
    return Promise.resolve();
  }

  takeTurn(key: string, ms: number): Promise<number> {
    const now = Date.now();
    const held = this.live(key, now);
    if (held) return Promise.resolve(held.endsAt - now);
    this.put(key, ms, now);
    return Promise.resolve(0);
  }

  forget(key: string): Promise<void> {
    this.entries.delete(key);
    return Promise.resolve();
  }

  private sweep(now: number): void {
    for (const [key, entry] of this.entries) if (entry.endsAt <= now) this.entries.delete(key);
  }
}
