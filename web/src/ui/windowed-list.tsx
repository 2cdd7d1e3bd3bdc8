import {
  useCallback,
  useImperativeHandle,
  useLayoutEffect,
  useMemo,
  useRef,
  type ReactNode,
  type Ref,
} from 'react';
import { Virtuoso, type Components, type ListRange, type VirtuosoHandle } from 'react-virtuoso';
import { useFirstItemIndex } from './use-first-item-index';
import { useStickToBottom } from './use-stick-to-bottom';

export interface WindowedListHandle {
  /**
   * Brings a row into view a third of the way down — now, or as soon as the list has it: a row just loaded
   * into the store may not have reached this list's render yet.
   */
  scrollToKey(key: string): void;
  scrollToBottom(): void;
}

interface WindowedListProps<T> {
  items: readonly T[];
  itemKey: (item: T) => string;
  renderItem: (item: T) => ReactNode;
  /** Called when the reader comes within a few rows of the top (load older history). */
  onNearTop?: () => void;
  /** Called when the reader arrives at or leaves the bottom. */
  onAtBottomChange?: (atBottom: boolean) => void;
  /** Called with the index (in `items`) of the first row in the viewport whenever it changes. */
  onFirstVisibleChange?: (index: number) => void;
  label: string;
  className?: string;
  handle?: Ref<WindowedListHandle>;
}

/** Rows above the viewport at which older history is asked for, so it is there before the reader is. */
const NEAR_TOP_ROWS = 15;
/** Pixels rendered beyond the viewport each way: a flick of the wheel never shows a blank. */
const OVERSCAN_PX = 600;
const BOTTOM_SLACK_PX = 40;
const START_AT_BOTTOM = { index: 'LAST', align: 'end' } as const;
/** Virtuoso's inline `outline: none` would hide the app's keyboard focus ring on the scroller. */
const KEEP_FOCUS_RING = { outline: undefined };

// A list of articles for assistive technology; Virtuoso's own divs carry the positioning.
const components: Components<unknown> = {
  List: ({ ref, context: _context, ...props }) => <div ref={ref} {...props} role="list" />,
  Item: ({ item: _item, context: _context, ...props }) => <div {...props} role="listitem" />,
};

/**
 * A conversation of any length on react-virtuoso: only rows near the viewport are in the DOM, each
 * measured as it renders. History prepended at the top moves `firstItemIndex`, so the text being read stays
 * put; at the bottom, the list follows new rows (`followOutput`), and elsewhere it stays where it is.
 */
export function WindowedList<T>({
  items,
  itemKey,
  renderItem,
  onNearTop,
  onAtBottomChange,
  onFirstVisibleChange,
  label,
  className,
  handle,
}: WindowedListProps<T>) {
  const virtuoso = useRef<VirtuosoHandle>(null);
  const scroller = useRef<HTMLElement | null>(null);
  const keys = useMemo(() => items.map(itemKey), [items, itemKey]);
  const firstItemIndex = useFirstItemIndex(keys);
  const latest = useRef({ keys, firstItemIndex });
  latest.current = { keys, firstItemIndex };
  // Virtuoso calls `followOutput` on any change of the count, prepends included: follow only rows added at
  // the bottom, or a page of history arriving while the reader is at the bottom would pull them back down
  // from the row they just jumped to.
  const lastKey = useRef(keys.at(-1));
  const appended = useRef(false);
  if (keys.at(-1) !== lastKey.current) {
    appended.current = true;
    lastKey.current = keys.at(-1);
  }
  const { stuck, track, keepAtBottom, letGo, stick } = useStickToBottom(BOTTOM_SLACK_PX);
  const followOutput = useCallback(
    (atBottom: boolean) => {
      const follow = (atBottom || stuck.current) && appended.current;
      appended.current = false;
      return follow ? ('auto' as const) : false;
    },
    [stuck],
  );

  const pendingKey = useRef<string | null>(null);
  const scrollToPending = useCallback(() => {
    const index = pendingKey.current === null ? -1 : latest.current.keys.indexOf(pendingKey.current);
    if (index < 0) return;
    pendingKey.current = null;
    letGo();
    const third = Math.round((scroller.current?.clientHeight ?? 0) / 3);
    // A frame later: right after a page of history was prepended, Virtuoso has not yet taken in where the
    // view now is, and a jump made at once lands back where it started (the bottom).
    requestAnimationFrame(() => virtuoso.current?.scrollToIndex({ index, align: 'start', offset: -third }));
  }, [letGo]);
  useLayoutEffect(scrollToPending, [keys, scrollToPending]);

  useImperativeHandle(
    handle,
    () => ({
      scrollToKey(key) {
        pendingKey.current = key;
        scrollToPending();
      },
      scrollToBottom() {
        stick();
        virtuoso.current?.scrollToIndex({ index: 'LAST', align: 'end' });
      },
    }),
    [scrollToPending, stick],
  );

  // Every prop Virtuoso gets keeps its identity across renders: it republishes props in a layout effect,
  // so a new object or function each time is a change to it. The scroller ref (below) is the one that
  // mattered: during a burst of messages its changes chained past React's limit of nested updates (error
  // #185: the room's error panel instead of its messages; message-burst.e2e.test.ts).
  const callbacks = useRef({ onFirstVisibleChange, onNearTop });
  callbacks.current = { onFirstVisibleChange, onNearTop };
  // These two change when what a row shows changes (the caller memoizes them): Virtuoso re-renders rows then.
  const computeItemKey = useCallback((_: number, item: T) => itemKey(item), [itemKey]);
  const itemContent = useCallback((_: number, item: T) => renderItem(item), [renderItem]);
  const rangeChanged = useCallback(({ startIndex }: ListRange) => {
    const first = startIndex - latest.current.firstItemIndex;
    callbacks.current.onFirstVisibleChange?.(first);
    if (first < NEAR_TOP_ROWS) callbacks.current.onNearTop?.();
  }, []);
  // Above all this one: Virtuoso re-runs its scroller effect when the ref changes, publishing the scroll
  // state synchronously — an inline ref made every render a new publish, the loop behind error #185.
  const scrollerRef = useCallback(
    (element: HTMLElement | Window | null) => {
      scroller.current = element instanceof HTMLElement ? element : null;
      track(scroller.current);
    },
    [track],
  );

  return (
    <Virtuoso<T>
      ref={virtuoso}
      scrollerRef={scrollerRef}
      data={items}
      firstItemIndex={firstItemIndex}
      initialTopMostItemIndex={START_AT_BOTTOM}
      computeItemKey={computeItemKey}
      itemContent={itemContent}
      components={components as Components<T>}
      followOutput={followOutput}
      totalListHeightChanged={keepAtBottom}
      atBottomThreshold={BOTTOM_SLACK_PX}
      atBottomStateChange={onAtBottomChange}
      startReached={onNearTop}
      rangeChanged={rangeChanged}
      increaseViewportBy={OVERSCAN_PX}
      className={`min-h-0 flex-1 overscroll-contain ${className ?? ''}`}
      style={KEEP_FOCUS_RING}
      tabIndex={0}
      role="region"
      aria-label={label}
    />
  );
}
