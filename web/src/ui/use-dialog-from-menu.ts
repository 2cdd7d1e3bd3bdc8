import { useRef, useState } from 'react';

/**
 * A dialog chosen from a dropdown menu, opened only once the menu has closed and put focus back on its
 * button: our dialogs give focus back, when they close, to what had it when they opened (`useFocusReturn`)
 * — the menu's button then, rather than a menu item that no longer exists (which would leave focus nowhere).
 * Pass `onMenuClosed` as the menu content's `onCloseAutoFocus`, and `choose` from an item's `onSelect`.
 */
export function useDialogFromMenu<Which extends string>() {
  const [open, setOpen] = useState<Which | null>(null);
  const chosen = useRef<Which | null>(null);
  return {
    open,
    close: () => setOpen(null),
    choose: (which: Which) => {
      chosen.current = which;
    },
    // Runs just before Radix focuses the menu's button; the dialog renders after that.
    onMenuClosed: () => {
      const which = chosen.current;
      chosen.current = null;
      if (which) setOpen(which);
    },
  };
}
