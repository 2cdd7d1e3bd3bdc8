import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FIRST_ITEM_INDEX_START, nextFirstItem } from './use-first-item-index';

const start = (keys: string[]) => ({ firstKey: keys[0], first: FIRST_ITEM_INDEX_START });
const keys = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `k${from + i}`);

describe('nextFirstItem', () => {
  it('goes down by exactly the rows prepended, whatever arrives at the bottom at the same time', () => {
    fc.assert(
      fc.property(fc.nat(500), fc.integer({ min: 1, max: 100 }), fc.nat(50), (older, loaded, newer) => {
        const before = keys(1000, 1000 + loaded);
        const after = [...keys(1000 - older, 1000), ...before, ...keys(5000, 5000 + newer)];
        const next = nextFirstItem(start(before), after);
        expect(next.first).toBe(FIRST_ITEM_INDEX_START - older);
        // The first loaded row keeps its absolute index: Virtuoso keeps it where the reader saw it.
        expect(next.first + after.indexOf('k1000')).toBe(FIRST_ITEM_INDEX_START);
      }),
    );
  });

  it('stays put for an empty list filling up, and for a list whose first row is gone', () => {
    expect(nextFirstItem(start([]), keys(0, 10)).first).toBe(FIRST_ITEM_INDEX_START);
    expect(nextFirstItem(start(keys(0, 10)), keys(20, 30)).first).toBe(FIRST_ITEM_INDEX_START);
  });
});
