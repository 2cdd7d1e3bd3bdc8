import {
  createContext,
  lazy,
  Suspense,
  useCallback,
  useContext,
  useEffect,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import type { TooltipAnchor } from './list-tooltip-popup';

/** How long the pointer rests on a button before its tooltip shows (as TooltipProvider's delay). */
const HOVER_DELAY_MS = 400;

const InListTooltip = createContext(false);

/** Whether an icon button sits inside a ListTooltip, which shows its tooltip for it. */
export const useInListTooltip = () => useContext(InListTooltip);

const ListTooltipPopup = lazy(() => import('./list-tooltip-popup'));

/**
 * One tooltip for every icon button of a long list (the message rows' actions), instead of a Radix
 * tooltip per button. Each Radix tooltip sets state from its refs as it mounts; a burst of messages
 * mounts dozens of rows in one chain of renders with the list's own measuring, which passed React's limit
 * of nested updates (error #185) and took the whole room down — and every row paid for tooltips nobody
 * was looking at. Buttons inside carry `data-tooltip` (IconButton does it); hovering one (after the
 * usual delay) or reaching it by keyboard shows the one popup at the button, scrolling or pressing hides it.
 */
export function ListTooltip({ children, className }: { children: ReactNode; className?: string }) {
  const [anchor, setAnchor] = useState<TooltipAnchor | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  const hide = useCallback(() => {
    clearTimeout(timer.current);
    setAnchor(null);
  }, []);
  const showFor = useCallback((element: HTMLElement) => {
    clearTimeout(timer.current);
    setAnchor({
      rect: element.getBoundingClientRect(),
      label: element.dataset.tooltip ?? '',
      side: (element.dataset.tooltipSide as TooltipAnchor['side'] | undefined) ?? 'top',
    });
  }, []);
  useEffect(() => () => clearTimeout(timer.current), []);

  const buttonOf = (target: EventTarget | null) =>
    target instanceof Element ? target.closest<HTMLElement>('[data-tooltip]') : null;

  return (
    <InListTooltip.Provider value={true}>
      <div
        className={className}
        onPointerOver={(event) => {
          const button = buttonOf(event.target);
          if (!button || event.pointerType === 'touch') return;
          clearTimeout(timer.current);
          timer.current = setTimeout(() => showFor(button), HOVER_DELAY_MS);
        }}
        onPointerOut={(event) => {
          if (buttonOf(event.target) !== buttonOf(event.relatedTarget)) hide();
        }}
        onFocus={(event) => {
          const button = buttonOf(event.target);
          if (button?.matches(':focus-visible')) showFor(button);
        }}
        onBlur={hide}
        onPointerDown={hide}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && anchor) hide();
        }}
        onScrollCapture={anchor ? hide : undefined}
      >
        {children}
      </div>
      {anchor ? (
        <Suspense fallback={null}>
          <ListTooltipPopup anchor={anchor} onClose={hide} />
        </Suspense>
      ) : null}
    </InListTooltip.Provider>
  );
}
