import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

/**
 * A button that opens a short list of actions below it (or above, at the bottom of the screen). Escape or a click elsewhere closes it and focus
 * returns to the button; each item is an ordinary button, reachable with Tab.
 */
export function MenuButton({
  label,
  icon,
  className = 'icon-button',
  opens = 'below',
  children,
}: {
  /** The button's accessible name; leave it out when the button's own text names it. */
  label?: string;
  /** What the button shows: an icon (then give `label`), or text. */
  icon: ReactNode;
  className?: string;
  opens?: 'below' | 'above';
  children: (close: () => void) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const container = useRef<HTMLDivElement>(null);
  const menuId = useId();
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!container.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setOpen(false);
        button.current?.focus();
      }
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);
  return (
    <div className="menu" ref={container}>
      <button
        ref={button}
        type="button"
        className={className}
        aria-label={label}
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen((value) => !value)}
      >
        {icon}
      </button>
      {open ? (
        <div className={`menu-items opens-${opens}`} id={menuId}>
          {children(close)}
        </div>
      ) : null}
    </div>
  );
}
