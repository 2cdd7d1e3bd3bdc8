import { useRef } from 'react';

/** Far enough from 0 that any history prepended still leaves it positive, as react-virtuoso requires. */
export const FIRST_ITEM_INDEX_START = 1_000_000_000;

export interface FirstItem {
  firstKey: string | undefined;
  first: number;
}

/**
 * The next `firstItemIndex` once the list's keys have changed: down by the number of rows that arrived
 * above the previous first row (a prepend, which Virtuoso must see to keep the reader's place); unchanged
 * when rows came only at the bottom or the old first row is gone (a different list, nothing to keep).
 */
export function nextFirstItem(previous: FirstItem, keys: readonly string[]): FirstItem {
  if (keys[0] === previous.firstKey) return previous;
  const shift = previous.firstKey === undefined ? -1 : keys.indexOf(previous.firstKey);
  return { firstKey: keys[0], first: shift > 0 ? previous.first - shift : previous.first };
}

/** react-virtuoso's `firstItemIndex` for a list that grows at both ends (computed during render: idempotent). */
export function useFirstItemIndex(keys: readonly string[]): number {
  const state = useRef<FirstItem>({ firstKey: keys[0], first: FIRST_ITEM_INDEX_START });
  state.current = nextFirstItem(state.current, keys);
  return state.current.first;
}
