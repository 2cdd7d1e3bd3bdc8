import { useCallback, useMemo, useRef } from 'react';

const KEYS_UP = new Set(['ArrowUp', 'PageUp', 'Home']);

/**
 * Whether the reader means to stay at the bottom of a list, decided by what the reader does, never by
 * where the list happens to be: reaching the bottom sticks; scrolling up (wheel, touch, keys, the
 * scrollbar) or a jump to a row lets go. Virtuoso's own "at bottom" is a position, and while rows come
 * faster than it measures them (react-virtuoso issues 317, 844, 1273) its estimates leave the view short
 * of the bottom and that position says "no": a burst of messages was left unfollowed, the latest never
 * shown. With this flag the list goes back to the bottom whenever its height changes.
 *
 * After a jump, only a gesture of the reader's may stick again: scroll events arrive a frame late, and
 * the one from our own last move to the bottom would otherwise undo the jump.
 */
export function useStickToBottom(slackPx: number) {
  const stuck = useRef(true);
  const jumped = useRef(false);
  const element = useRef<HTMLElement | null>(null);

  const listeners = useMemo(() => {
    const gesture = (up: boolean) => {
      jumped.current = false;
      if (up) stuck.current = false;
    };
    return {
      scroll: () => {
        const scroller = element.current;
        if (jumped.current || !scroller) return;
        if (scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight <= slackPx)
          stuck.current = true;
      },
      wheel: (event: WheelEvent) => gesture(event.deltaY < 0),
      touchmove: () => gesture(true),
      keydown: (event: KeyboardEvent) => gesture(KEYS_UP.has(event.key)),
      // On the scroller itself, not on a row: its scrollbar.
      pointerdown: (event: PointerEvent) => {
        if (event.target === element.current) gesture(true);
      },
    };
  }, [slackPx]);

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

  /** Rows measured taller than the list guessed leave the view short of the bottom: back while stuck. */
  const keepAtBottom = useCallback(() => {
    const scroller = element.current;
    if (stuck.current && scroller) scroller.scrollTop = scroller.scrollHeight;
  }, []);

  /** The list jumps to a row: let go of the bottom until the reader comes back to it. */
  const letGo = useCallback(() => {
    stuck.current = false;
    jumped.current = true;
  }, []);

  /** The list goes to the bottom on the reader's request ("Jump to latest"). */
  const stick = useCallback(() => {
    stuck.current = true;
    jumped.current = false;
  }, []);

  return { stuck, track, keepAtBottom, letGo, stick };
}
