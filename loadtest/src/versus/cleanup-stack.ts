/**
 * What a benchmark run must undo — child processes, databases, Redis keys — run last-in first-out,
 * at the end of the run and also when it is interrupted (Ctrl-C, SIGTERM) or fails.
 */
export class CleanupStack {
  private readonly steps: (() => Promise<unknown>)[] = [];

  defer(step: () => Promise<unknown>): void {
    this.steps.push(step);
  }

  /** Runs every step, newest first; a failing step is reported and the others still run. */
  async runAll(): Promise<void> {
    for (let step = this.steps.pop(); step; step = this.steps.pop())
      await step().catch((error: unknown) => console.error('cleanup step failed:', error));
  }

  /** Until the returned function is called, SIGINT and SIGTERM clean up before the process exits. */
  onSignals(): () => void {
    const handler = (signal: NodeJS.Signals) => {
      console.error(`\n${signal}: stopping the benchmark's processes and dropping its data…`);
      // Bounded: a stuck step must not keep the terminal waiting (stopChild SIGKILLs after its grace).
      setTimeout(() => process.exit(130), 90_000).unref();
      void this.runAll().finally(() => process.exit(130));
    };
    process.once('SIGINT', handler);
    process.once('SIGTERM', handler);
    return () => {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    };
  }
}
