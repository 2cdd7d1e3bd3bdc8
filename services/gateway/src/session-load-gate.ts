/**
 * Bounds how many connecting sockets wait for their rooms at once. Past the bound the handshake is
 * refused with `unavailable` and a retry hint instead of queueing: in a reconnect storm a queue only
 * turns into timeouts (every waiting socket fails together), while a refusal costs a few microseconds and
 * the client comes back later, spread by its jitter.
 *
 * An admitted socket holds its slot until its rooms are loaded or the load failed. A socket whose
 * connection closed between the handshake and `connection` never reaches the code that gives the slot
 * back: slots older than `maxHoldMs` (longer than any load may take) are reclaimed when the gate is full,
 * so no listener per socket is needed to guard against that race.
 */
export class SessionLoadGate {
  /** Socket id → when it entered. */
  private readonly holders = new Map<string, number>();

  constructor(
    readonly capacity: number,
    /** What a refused client is told to wait before trying again. */
    readonly retryAfterMs: number,
    private readonly maxHoldMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get loading(): number {
    return this.holders.size;
  }

  /** Takes a slot for the socket; false when every slot is taken. */
  tryEnter(socketId: string): boolean {
    if (this.holders.size >= this.capacity) this.reclaimStale();
    if (this.holders.size >= this.capacity) return false;
    this.holders.set(socketId, this.now());
    return true;
  }

  /** Gives the socket's slot back (nothing happens if it holds none). */
  leave(socketId: string): void {
    this.holders.delete(socketId);
  }

  private reclaimStale(): void {
    const oldest = this.now() - this.maxHoldMs;
    // Insertion order is entry order: stop at the first holder still within its time.
    for (const [socketId, enteredAt] of this.holders) {
      if (enteredAt > oldest) return;
      this.holders.delete(socketId);
    }
  }
}
