/**
 * At most one typing indicator per user and room per `intervalMs` on this replica. Entries older than
 * the interval are useless, so they are pruned as the map grows instead of on a timer.
 */
export class TypingThrottle {
  private readonly last = new Map<string, number>();

  constructor(
    private readonly intervalMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  allow(userId: string, roomId: string): boolean {
    const now = this.now();
    const key = `${userId}:${roomId}`;
    const previous = this.last.get(key);
    if (previous !== undefined && now - previous < this.intervalMs) return false;
    this.last.set(key, now);
    if (this.last.size > 10_000) this.prune(now);
    return true;
  }

  private prune(now: number): void {
    for (const [key, at] of this.last) if (now - at >= this.intervalMs) this.last.delete(key);
  }
}
