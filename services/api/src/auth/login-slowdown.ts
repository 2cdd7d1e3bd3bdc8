/** How the login throttle slows an account down (config LOGIN_SLOWDOWN_*). */
export interface SlowdownPolicy {
  /** Failures of an account, from all addresses together, before it is slowed down at all. */
  afterFailures: number;
  baseMs: number;
  maxMs: number;
}

/**
 * The gap an account's login attempts must keep after `failures` failed ones: none up to
 * `afterFailures`, then `baseMs` doubling with every further failure, capped at `maxMs` — so the real
 * owner waits at most `maxMs`, however many guesses were made, while guessing gets exponentially slower.
 */
export function slowdownMs(failures: number, policy: SlowdownPolicy): number {
  if (failures < policy.afterFailures) return 0;
  const doublings = Math.min(failures - policy.afterFailures, 30);
  return Math.min(policy.baseMs * 2 ** doublings, policy.maxMs);
}
