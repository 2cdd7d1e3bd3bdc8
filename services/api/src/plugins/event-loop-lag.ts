/**
 * How late this process's event loop runs, probed by a timer: each tick notes how much later than asked it
 * fired. A CPU-saturated Node process queues everything — accepted requests' database answers included —
 * behind the event loop, where no queue of ours can see it; this lag is that hidden queue's length in time.
 * The figure decays by half per tick once the loop catches up, so one slow tick does not shed for long.
 */
export class EventLoopLag {
  private lagMs = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly intervalMs = 20) {}

  start(): this {
    let expected = performance.now() + this.intervalMs;
    this.timer = setInterval(() => {
      const now = performance.now();
      const late = Math.max(0, now - expected);
      this.lagMs = Math.max(late, this.lagMs / 2);
      expected = now + this.intervalMs;
    }, this.intervalMs);
    this.timer.unref();
    return this;
  }

  /** The current lag in milliseconds. */
  get ms(): number {
    return this.lagMs;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
