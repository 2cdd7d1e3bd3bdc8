import { useCallback, useRef } from 'react';

const KEYS_UP = new Set(['ArrowUp', 'PageUp', 'Home']);

/**
 * Whether the reader means to stay at the bottom of a list, decided by what the reader does, never by
 * where the list happens to be: reaching the bottom sticks; scrolling up (wheel, touch, keys, the
 * scrollbar) or jumping to a row lets go. Virtuoso's own "at bottom" is a position, and while rows come
 * faster than it measures them (react-virtuoso issues 317, 844, 1273) its estimates leave the view short
 * of the bottom and that position says "no": a burst of messages was left unfollowed, the latest never
 * shown. With this flag the list can put the view back at the bottom whenever its height changes.
 */
export function useStickToBottom(slackPx: number) {
  const stuck = useRef(true);
  const element = useRef<HTMLElement | null>(null);

  const listeners = useRef({
    scroll: () => {
      const scroller = element.current;
      if (scroller && scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight <= slackPx)
        stuck.current = true;
    },
    wheel: (event: WheelEvent) => {
      if (event.deltaY < 0) stuck.current = false;
    },
    touchmove: () => {
      stuck.current = false;
    },
    keydown: (event: KeyboardEvent) => {
      if (KEYS_UP.has(event.key)) stuck.current = false;
    },
    // On the scroller itself, not on a row: its scrollbar.
    pointerdown: (event: PointerEvent) => {
      if (event.target === element.current) stuck.current = false;
    },
  }).current;

  /** For Virtuoso's `scrollerRef`: listens on the scroller it is given (or none). */
  const track = useCallback(
    (scroller: HTMLElement | null) => {
      for (const [type, listener] of Object.entries(listeners)) {
        element.current?.removeEventListener(type, listener as EventListener);
        scroller?.addEventListener(type, listener as EventListener, { passive: true });
      }
      element.current = scroller;
    },
    [listeners],
  );

  /** Puts the view at the very bottom if the reader is stuck there (after the list's height changed). */
  const keepAtBottom = useCallback(() => {
    const scroller = element.current;
    if (stuck.current && scroller) scroller.scrollTop = scroller.scrollHeight;
  }, []);

  return { stuck, track, keepAtBottom };
}
