/**
 * Lets Node exit while only this timer is pending (a test or load-test process must not hang on a refresh
 * scheduled fifteen minutes ahead). Browsers' timers are numbers and have nothing to unref.
 */
export function unrefTimer(timer: unknown): void {
  (timer as { unref?: () => void } | undefined)?.unref?.();
}
