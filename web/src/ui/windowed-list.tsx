import {
  useCallback,
  useEffect,
  useImperativeHandle,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
  type Ref,
} from 'react';
import { buildTops, rowAt, visibleRange } from './sorted-offsets';

export interface WindowedListHandle {
  /** Brings a row into view a third of the way down; false when no row has this key. */
  scrollToKey(key: string): boolean;
  scrollToBottom(): void;
}

interface WindowedListProps<T> {
  items: readonly T[];
  itemKey: (item: T) => string;
  renderItem: (item: T) => ReactNode;
  /** Height guess for a row not measured yet; measured heights replace it as rows render. */
  estimateHeight: (item: T) => number;
  /** Called while the reader is within a screen of the top (load older history). */
  onNearTop?: () => void;
  /** Called when the reader arrives at or leaves the bottom. */
  onAtBottomChange?: (atBottom: boolean) => void;
  /** Called with the index of the first row in the viewport whenever it changes. */
  onFirstVisibleChange?: (index: number) => void;
  label: string;
  className?: string;
  handle?: Ref<WindowedListHandle>;
}

const OVERSCAN_PX = 600;
const BOTTOM_SLACK_PX = 40;

/**
 * A vertical list that renders only the rows near the viewport, for conversations of any length: rows are
 * measured as they render (ResizeObserver), unmeasured ones use an estimate, and the scroll position is
 * anchored to a row — so prepending older history, a late measurement or an image loading above the
 * viewport never makes the text under the reader's eyes jump. At the bottom, it follows new rows.
 */
export function WindowedList<T>({
  items,
  itemKey,
  renderItem,
  estimateHeight,
  onNearTop,
  onAtBottomChange,
  onFirstVisibleChange,
  label,
  className,
  handle,
}: WindowedListProps<T>) {
  const scroller = useRef<HTMLDivElement>(null);
  const heights = useRef(new Map<string, number>());
  const [measured, setMeasured] = useState(0);
  const [viewport, setViewport] = useState({ top: 0, height: 0 });
  /** The row the reader is looking at, and its distance from the top of the viewport. */
  const anchor = useRef<{ key: string; offset: number } | null>(null);
  const followBottom = useRef(true);
  const atBottom = useRef(true);
  const firstVisible = useRef(-1);

  const keys = useMemo(() => items.map(itemKey), [items, itemKey]);
  const indexByKey = useMemo(() => new Map(keys.map((key, index) => [key, index])), [keys]);
  const tops = useMemo(
    () =>
      buildTops(items.length, (i) => heights.current.get(keys[i] as string) ?? estimateHeight(items[i] as T)),
    // `measured` stands for the contents of `heights`, which is mutated in place.
    [items, keys, estimateHeight, measured],
  );
  const layout = useRef({ tops, keys });
  layout.current = { tops, keys };
  const total = tops[items.length] ?? 0;

  const observer = useMemo(
    () =>
      typeof ResizeObserver === 'undefined'
        ? null
        : new ResizeObserver((entries) => {
            let changed = false;
            for (const entry of entries) {
              const key = (entry.target as HTMLElement).dataset.key;
              const height = entry.borderBoxSize[0]?.blockSize ?? entry.contentRect.height;
              if (key && height > 0 && heights.current.get(key) !== height) {
                heights.current.set(key, height);
                changed = true;
              }
            }
            if (changed) setMeasured((n) => n + 1);
          }),
    [],
  );
  useEffect(() => () => observer?.disconnect(), [observer]);

  const readViewport = useCallback(() => {
    const element = scroller.current;
    if (!element) return;
    const top = element.scrollTop;
    const height = element.clientHeight;
    const bottom = element.scrollHeight - top - height < BOTTOM_SLACK_PX;
    followBottom.current = bottom;
    if (bottom !== atBottom.current) {
      atBottom.current = bottom;
      onAtBottomChange?.(bottom);
    }
    const { tops: currentTops, keys: currentKeys } = layout.current;
    const index = rowAt(currentTops, top);
    const key = currentKeys[index];
    anchor.current = key === undefined ? null : { key, offset: (currentTops[index] ?? 0) - top };
    if (index !== firstVisible.current) {
      firstVisible.current = index;
      onFirstVisibleChange?.(index);
    }
    setViewport((previous) =>
      previous.top === top && previous.height === height ? previous : { top, height },
    );
    if (top < Math.max(height, 400)) onNearTop?.();
  }, [onAtBottomChange, onFirstVisibleChange, onNearTop]);

  // Keep the reader's place after every layout change: at the bottom if they were there, else on their row.
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    if (followBottom.current) {
      const bottom = element.scrollHeight - element.clientHeight;
      if (Math.abs(element.scrollTop - bottom) >= 1) element.scrollTop = bottom;
    } else if (anchor.current) {
      const index = indexByKey.get(anchor.current.key);
      if (index !== undefined) {
        const wanted = (tops[index] ?? 0) - anchor.current.offset;
        if (Math.abs(element.scrollTop - wanted) >= 1) element.scrollTop = wanted;
      }
    }
    readViewport();
  }, [tops, indexByKey, readViewport]);

  // The viewport itself changes size (window resize, the composer growing).
  useEffect(() => {
    const element = scroller.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const resize = new ResizeObserver(() => {
      if (followBottom.current) element.scrollTop = element.scrollHeight;
      readViewport();
    });
    resize.observe(element);
    return () => resize.disconnect();
  }, [readViewport]);

  useImperativeHandle(
    handle,
    () => ({
      scrollToKey(key) {
        const element = scroller.current;
        const index = indexByKey.get(key);
        if (!element || index === undefined) return false;
        const offset = Math.round(element.clientHeight / 3);
        followBottom.current = false;
        anchor.current = { key, offset };
        element.scrollTop = (layout.current.tops[index] ?? 0) - offset;
        readViewport();
        return true;
      },
      scrollToBottom() {
        const element = scroller.current;
        if (!element) return;
        followBottom.current = true;
        element.scrollTop = element.scrollHeight;
        readViewport();
      },
    }),
    [indexByKey, readViewport],
  );

  const { start, end } = visibleRange(tops, viewport.top, viewport.height || 800, OVERSCAN_PX);
  const measure = useCallback(
    (element: HTMLDivElement | null) => {
      if (!element || !observer) return;
      observer.observe(element);
      return () => observer.unobserve(element);
    },
    [observer],
  );

  return (
    <div
      ref={scroller}
      className={`windowed-scroller ${className ?? ''}`}
      onScroll={readViewport}
      tabIndex={0}
      role="region"
      aria-label={label}
    >
      <div className="windowed-canvas" style={{ height: total }}>
        <div className="windowed-rows" style={{ transform: `translateY(${tops[start] ?? 0}px)` }} role="list">
          {items.slice(start, end).map((item, offset) => {
            const key = keys[start + offset] as string;
            return (
              <div key={key} data-key={key} ref={measure} role="listitem">
                {renderItem(item)}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
