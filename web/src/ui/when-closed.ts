/**
 * Our dialogs are open while mounted and closed by their parent: Radix's `onOpenChange` becomes the
 * parent's `onClose` (Escape, the close button, a click outside).
 */
export const whenClosed =
  (onClose: () => void) =>
  (open: boolean): void => {
    if (!open) onClose();
  };
