import { MESSAGE_MAX_LENGTH } from '@livechat/protocol';

/** Characters left before the count shows: far from the limit it is noise. */
const SHOW_WITHIN = 200;

/**
 * What the composer says about a draft's length: nothing far from the limit, "N characters left" near
 * it, and "N characters over the limit" past it (a negative "left" reads as a typo). Numbers are grouped
 * ("1,000") so a long overshoot reads at a glance.
 */
export function characterCountText(length: number, max = MESSAGE_MAX_LENGTH): string | null {
  const remaining = max - length;
  if (remaining >= SHOW_WITHIN) return null;
  const count = (n: number) => `${n.toLocaleString('en-US')} character${n === 1 ? '' : 's'}`;
  return remaining >= 0 ? `${count(remaining)} left` : `${count(-remaining)} over the limit`;
}

export function isOverLimit(length: number, max = MESSAGE_MAX_LENGTH): boolean {
  return length > max;
}
